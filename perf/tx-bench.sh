#!/usr/bin/env bash
# Transactions and squashing, side by side with redis-server 7.0 on this machine, in one run.
#
# Phase "squash": pipelined SET and GET (redis-benchmark -t set,get -P 16, 50 connections,
#   100,000 random keys, 32-byte values) against Redis and against Anax threads 1 and threads 2
#   with pipeline squashing on and off. Throughput, server CPU per request, and Anax's average
#   group size (INFO stats: anax_pipeline_squash_commands / anax_pipeline_squash_groups).
# Phase "tx": one round trip per operation (anax-bench closed loop, -P 1, 50 connections):
#     SET k v                                       1 key
#     MSET k1 v k2 v                                2 keys, on different Anax shards
#     MSET k1 v ... k10 v                           10 keys, spread over the shards
#     MULTI; SET k1 v; ... SET k10 v; EXEC          sent together, one operation, 10 keys
#   Keys carry no hash tags; with --spread-shards 2 the i-th key of a command lies in shard
#   i mod 2 of a two-shard Anax (the same keys are drawn for every server). A server that rejects
#   a workload (Anax before MULTI/EXEC exists) is skipped for it, noted in skipped.txt.
#
# Servers: Redis on SERVER_CPUS (one core: it executes on one thread) and, for reference, on
# ALL_CPUS; Anax threads 1 on SERVER_CPUS, Anax threads 2 on ALL_CPUS. Load generators always on
# GEN_CPUS, so Anax threads 2 and "Redis, 2 cores" share a core with the generator. Rounds
# alternate the servers (A B C ... A B C ...); tables show medians. Ports 6470-6489.
#
# Usage: perf/tx-bench.sh                     (both phases, 3 rounds: about 25 minutes)
# Knobs (environment): ROUNDS=3 PHASES="squash tx" SERVER_CPUS=0 GEN_CPUS=1 ALL_CPUS=0-1
#   REQUESTS=2000000 (per redis-benchmark test) DURATION=10s WARMUP=3s CONNS=50 KEYS=100000
#   OUT=perf/target/tx-bench-<time> SKIP_BUILD=1 NICE=-10 (see perf/compare.sh)
#   SERVERS="..." (phase squash: subset of redis-1core redis-2cores anax-t1-on anax-t1-off
#   anax-t2-on anax-t2-off; phase tx: redis-1core redis-2cores anax-t1 anax-t2)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

ROUNDS="${ROUNDS:-3}"
PHASES="${PHASES:-squash tx}"
SERVER_CPUS="${SERVER_CPUS:-0}"
GEN_CPUS="${GEN_CPUS:-1}"
ALL_CPUS="${ALL_CPUS:-0-$(( $(nproc) - 1 ))}"
REQUESTS="${REQUESTS:-2000000}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
CONNS="${CONNS:-50}"
KEYS="${KEYS:-100000}"
OUT="${OUT:-$here/perf/target/tx-bench-$(date -u +%Y%m%dT%H%M%SZ)}"
NICE="${NICE:-0}"
SERVERS="${SERVERS:-}"
if [ "$NICE" != 0 ] && [ -z "${ANAX_TXBENCH_SESSION:-}" ] && [ -w /proc/self/autogroup ]; then
  # As perf/compare.sh: a session of our own whose scheduling group gets the priority.
  export ANAX_TXBENCH_SESSION=1 OUT
  setsid --wait "$0" "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null' INT TERM
  status=0
  while kill -0 "$child" 2>/dev/null; do wait "$child" && status=0 || status=$?; done
  exit "$status"
fi
if [ "$NICE" != 0 ] && [ -w /proc/self/autogroup ]; then echo "$NICE" > /proc/self/autogroup 2>/dev/null || true; fi

RESULTS="$OUT/results.tsv"
JSONL="$OUT/anax-bench.jsonl"
mkdir -p "$OUT/logs"
: > "$RESULTS"
: > "$OUT/skipped.txt"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
has_phase() { [[ " $PHASES " == *" $1 "* ]]; }
wanted() { [ -z "$SERVERS" ] || [[ " $SERVERS " == *" $1 "* ]]; }

pids=()
cleanup() {
  local p
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # port pid
  local i
  for i in $(seq 1 150); do
    if redis-cli -p "$1" get anax:txbench:probe >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || { log "server on port $1 died (see $OUT/logs)"; return 1; }
    sleep 0.2
  done
  log "server on port $1 not ready"; return 1
}

# A port nothing listens on, from $1 up (other jobs on the machine may hold ours).
free_port() {
  local p=$1
  while ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || redis-cli -p "$p" ping >/dev/null 2>&1; do p=$((p + 1)); done
  echo "$p"
}

server_pid=""
server_port=""
start_server() { # name base-port   -> server_pid, server_port
  local name=$1 port
  port=$(free_port "$2"); server_port=$port
  case "$name" in
    redis-1core|redis-2cores)
      local cpus=$SERVER_CPUS; [ "$name" = redis-2cores ] && cpus=$ALL_CPUS
      nice -n "$NICE" taskset -c "$cpus" redis-server --port "$port" --save '' --appendonly no \
        > "$OUT/logs/$name-$port.log" 2>&1 &
      ;;
    anax-t*)
      local threads=${name#anax-t}; threads=${threads%%-*}
      local squash=yes; [[ "$name" == *-off ]] && squash=no
      local cpus=$SERVER_CPUS; [ "$threads" -gt 1 ] && cpus=$ALL_CPUS
      nice -n "$NICE" taskset -c "$cpus" "$here/bin/anax-server" --port "$port" --threads "$threads" \
        --pipeline-squash "$squash" --enable-debug-command yes > "$OUT/logs/$name-$port.log" 2>&1 &
      ;;
    *) log "unknown server $name"; return 1 ;;
  esac
  server_pid=$!; pids+=("$server_pid")
  wait_ready "$port" "$server_pid"
  # The one answering must be ours (a server that failed to bind has exited).
  sleep 0.5
  kill -0 "$server_pid" 2>/dev/null || { log "$name did not start on port $port (see $OUT/logs)"; return 1; }
}

stop_server() { # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${pids[@]}"; do [ "$p" != "$1" ] && keep+=("$p"); done
  pids=("${keep[@]:-}")
}

record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"; }   # phase test server round metric value
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
info_field() { redis-cli -p "$1" info stats 2>/dev/null | tr -d '\r' | awk -F: -v f="$2" '$1 == f {print $2}'; }

# ---------------------------------------------------------------------------------------------
if [ -z "${SKIP_BUILD:-}" ]; then
  # package, not install: the jars bin/anax-server and perf/anax-bench use, nothing in ~/.m2.
  log "building (tools and perf, no tests)"
  mvn -B -q -ntp -DskipTests -DskipITs -pl codecs,engine,transport,tools,perf package >&2
fi
command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null || { log "needs redis-server and redis-benchmark"; exit 1; }
command -v jq >/dev/null || { log "needs jq"; exit 1; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$here" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores visible"
  echo "redis: $(redis-server --version | head -1)"
  echo "pinning: one-core servers on CPU $SERVER_CPUS, two-core servers on CPUs $ALL_CPUS, load generators on CPU $GEN_CPUS; nice $NICE"
  echo "rounds: $ROUNDS; redis-benchmark -n $REQUESTS; anax-bench $DURATION after $WARMUP warm-up; $CONNS connections, $KEYS keys, 32-byte values"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt" >&2

# ---------------------------------------------------------------------------------------------
# Phase squash: redis-benchmark -P 16.
run_redis_benchmark() { # server port round pid
  local server=$1 port=$2 round=$3 pid=$4 csv t0 t1 g0 c0 g1 c1
  g0=$(info_field "$port" anax_pipeline_squash_groups); c0=$(info_field "$port" anax_pipeline_squash_commands)
  t0=$(cpu_ticks "$pid")
  csv=$(nice -n "$NICE" taskset -c "$GEN_CPUS" redis-benchmark -p "$port" -t set,get -n "$REQUESTS" -c "$CONNS" -P 16 \
        -d 32 -r "$KEYS" --csv 2>>"$OUT/logs/redis-benchmark.err" | tail -n +2 | tr -d '"')
  t1=$(cpu_ticks "$pid")
  g1=$(info_field "$port" anax_pipeline_squash_groups); c1=$(info_field "$port" anax_pipeline_squash_commands)
  record squash "set+get -P 16" "$server" "$round" server_cpu_us_per_op \
    "$(awk -v a="$t0" -v b="$t1" -v n="$REQUESTS" 'BEGIN {printf "%.3f", (b - a) * 10000 / (2 * n)}')"
  if [ -n "$g0" ] && [ -n "$g1" ] && [ "$g1" -gt "$g0" ]; then
    record squash "set+get -P 16" "$server" "$round" commands_per_group \
      "$(awk -v a="$g0" -v b="$g1" -v c="$c0" -v d="$c1" 'BEGIN {printf "%.2f", (d - c) / (b - a)}')"
    record squash "set+get -P 16" "$server" "$round" squashed_share \
      "$(awk -v c="$c0" -v d="$c1" -v n="$REQUESTS" 'BEGIN {printf "%.3f", (d - c) / (2 * n)}')"
  fi
  echo "$csv" | while IFS=, read -r test rps avg min p50 p95 p99 max; do
    [ -n "$test" ] || continue
    record squash "$test -P 16" "$server" "$round" rps "$rps"
    record squash "$test -P 16" "$server" "$round" p50_ms "$p50"
    record squash "$test -P 16" "$server" "$round" p99_ms "$p99"
  done
  log "  $server: $(echo "$csv" | awk -F, '{printf "%s %s/s  ", $1, $2}')"
}

if has_phase squash; then
  squash_servers=()
  for s in redis-1core anax-t1-on anax-t1-off redis-2cores anax-t2-on anax-t2-off; do wanted "$s" && squash_servers+=("$s"); done
  for round in $(seq 1 "$ROUNDS"); do
    log "squash round $round/$ROUNDS"
    port=6470
    for s in "${squash_servers[@]}"; do
      start_server "$s" "$port"; pid=$server_pid; port=$server_port
      # warm-up: JIT for Anax, the same run for Redis
      nice -n "$NICE" taskset -c "$GEN_CPUS" redis-benchmark -p "$port" -t set,get -n $((REQUESTS / 2)) -c "$CONNS" -P 16 \
        -d 32 -r "$KEYS" -q >/dev/null 2>>"$OUT/logs/redis-benchmark.err"
      run_redis_benchmark "$s" "$port" "$round" "$pid"
      stop_server "$pid"
      port=$((port + 1))
    done
  done
fi

# ---------------------------------------------------------------------------------------------
# Phase tx: anax-bench, one round trip per operation.
tx_workloads=(
  "set|1|SET __key__ __value__"
  "mset2|2|MSET __key__ __value__ __key__ __value__"
  "mset10|10|MSET$(printf ' __key__ __value__%.0s' $(seq 1 10))"
  "multi10|10|MULTI; 10*SET __key__ __value__; EXEC"
)
tx_names() { case "$1" in set) echo "SET";; mset2) echo "MSET, 2 keys";; mset10) echo "MSET, 10 keys";; multi10) echo "MULTI + 10 SET + EXEC";; esac; }

if has_phase tx; then
  tx_servers=()
  for s in redis-1core anax-t1 redis-2cores anax-t2; do wanted "$s" && tx_servers+=("$s"); done
  for round in $(seq 1 "$ROUNDS"); do
    log "tx round $round/$ROUNDS"
    port=6480
    for s in "${tx_servers[@]}"; do
      start_server "$s" "$port"; pid=$server_pid; port=$server_port
      for w in "${tx_workloads[@]}"; do
        IFS='|' read -r wname wkeys wtemplate <<<"$w"
        if grep -qxF "$s $wname" "$OUT/skipped.servers" 2>/dev/null; then continue; fi
        json=$(nice -n "$NICE" taskset -c "$GEN_CPUS" "$here/perf/anax-bench" -p "$port" -c "$CONNS" -k "$KEYS" -P 1 \
               --no-load --spread-shards 2 -d "$DURATION" -w "$WARMUP" -q --server-pid "$pid" -l "$s-$wname-r$round" \
               --command "$wtemplate" 2>>"$OUT/logs/anax-bench.err" | grep '^{' | tail -1) || true
        [ -n "$json" ] || { log "  $s $wname: anax-bench failed"; continue; }
        echo "$json" >> "$JSONL"
        problems=$(echo "$json" | jq -r '(.commands.ALL.errors // 0) + (.commands.ALL.wrong // 0) + (.lost // 0)')
        if [ "$problems" != 0 ]; then
          # e.g. Anax before MULTI/EXEC: unknown command. Not a measurement: skip it from now on.
          echo "$s $wname: $problems problems, first: $(echo "$json" | jq -r .first_problem | cut -c1-160)" >> "$OUT/skipped.txt"
          echo "$s $wname" >> "$OUT/skipped.servers"
          log "  $s $wname: skipped ($problems problems: $(echo "$json" | jq -r .first_problem | cut -c1-80))"
          continue
        fi
        ops=$(echo "$json" | jq -r '.ops_per_sec')
        record tx "$(tx_names "$wname")" "$s" "$round" ops "$ops"
        record tx "$(tx_names "$wname")" "$s" "$round" keys_per_sec "$(awk -v o="$ops" -v k="$wkeys" 'BEGIN {printf "%.0f", o * k}')"
        record tx "$(tx_names "$wname")" "$s" "$round" p50_ms "$(echo "$json" | jq -r '.commands.ALL.p50_ms')"
        record tx "$(tx_names "$wname")" "$s" "$round" p99_ms "$(echo "$json" | jq -r '.commands.ALL.p99_ms')"
        record tx "$(tx_names "$wname")" "$s" "$round" server_cpu_us_per_op "$(echo "$json" | jq -r '.server_cpu_us_per_op // empty')"
        log "  $s $wname: $(echo "$json" | jq -r '"\(.ops_per_sec | floor) ops/s, p99 \(.commands.ALL.p99_ms) ms, \(.server_cpu_us_per_op) us/op"')"
      done
      stop_server "$pid"
      port=$((port + 1))
    done
  done
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"

# ---------------------------------------------------------------------------------------------
python3 - "$RESULTS" <<'PY' | tee "$OUT/summary.md"
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = collections.defaultdict(list)
order = []
for phase, test, server, rnd, metric, value in rows:
    if value in ("", "null"):
        continue
    if (phase, test, metric) not in order:
        order.append((phase, test, metric))
    data[(phase, test, metric, server)].append(float(value))

def med(k):
    v = data.get(k)
    return statistics.median(v) if v else None

def fmt(x, metric):
    if x is None:
        return "n/a"
    if metric in ("rps", "ops", "keys_per_sec"):
        return f"{x:,.0f}"
    if metric.endswith("_ms"):
        return f"{x:.3f}"
    return f"{x:.2f}"

def table(phase, servers, base, pairs=()):
    keys = [k for k in order if k[0] == phase]
    if not keys:
        return
    servers = [s for s in servers if any((k + (s,)) in data for k in keys)]
    print("| test | metric | " + " | ".join(servers) + " |")
    print("|---|---|" + "---|" * len(servers))
    for ph, test, metric in keys:
        b = med((ph, test, metric, base))
        cells = []
        for s in servers:
            v = med((ph, test, metric, s))
            ratio = "" if s == base or v is None or not b or metric in ("commands_per_group", "squashed_share") else f" ({v / b:.2f})"
            cells.append(fmt(v, metric) + ratio)
        print(f"| {test} | {metric} | " + " | ".join(cells) + " |")
    rounds = max(len(v) for k, v in data.items() if k[0] == phase)
    print(f"\nmedians of {rounds} rounds; in brackets: ratio to {base}\n")
    for on, off in pairs:
        for ph, test, metric in keys:
            a, b = med((ph, test, metric, on)), med((ph, test, metric, off))
            if metric in ("rps", "server_cpu_us_per_op") and a and b:
                print(f"- {test} {metric}: {on} / {off} = {a / b:.2f}")

if any(k[0] == "squash" for k in order):
    print("## Pipelined SET/GET, squashing on and off (redis-benchmark -P 16)\n")
table("squash", ["redis-1core", "anax-t1-on", "anax-t1-off", "redis-2cores", "anax-t2-on", "anax-t2-off"], "redis-1core",
      [("anax-t1-on", "anax-t1-off"), ("anax-t2-on", "anax-t2-off")])
if any(k[0] == "tx" for k in order):
    print("\n## One round trip per operation: SET, MSET, MULTI/EXEC (anax-bench -P 1)\n")
table("tx", ["redis-1core", "anax-t1", "redis-2cores", "anax-t2"], "redis-1core")
PY
if [ -s "$OUT/skipped.txt" ]; then echo; echo "skipped:"; cat "$OUT/skipped.txt"; fi | tee -a "$OUT/summary.md"
log "results in $OUT (summary.md, results.tsv, anax-bench.jsonl, machine.txt, skipped.txt, logs/)"
