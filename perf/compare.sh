#!/usr/bin/env bash
# Side by side: redis-server 7.0 and Anax on this machine, in the same run.
#
# Starts both servers with equivalent settings (no persistence; Anax with one shard thread by
# default, like Redis's one main thread), pins servers and load generators to different cores,
# alternates the servers (A B A B ...) for several rounds so that drift and noisy neighbours hit
# both alike, and prints medians and the Anax/Redis ratio for:
#   1. redis-benchmark -t set,get at -P 1 and -P 16
#   2. anax-bench closed loop (peak throughput) at -P 1 and -P 16
#   3. anax-bench open loop at 50% and 80% of Redis's measured closed-loop (-P 1) peak: p99, p99.9
#      (latency from the planned send time) and percentile plots
#   4. Anax threads 1 vs threads 2 (on the server core, and on both cores)
#   5. memory per key after loading 1,000,000 keys (16-byte keys, 32-byte values)
# Everything it starts it stops. Ports 6450-6469.
#
# Usage: perf/compare.sh            (full run, ~20 minutes)
# Knobs (environment): ROUNDS=3 (THREAD_ROUNDS, MEM_ROUNDS default to it) DURATION=10s WARMUP=3s SERVER_CPUS=0 GEN_CPUS=1 ANAX_THREADS=1
#   PHASES="throughput open threads memory" MEM_KEYS=1000000 OUT=perf/target/compare-<time>
#   PLOTS=docs/img (copy the PNGs there) SKIP_BUILD=1 MEM_METHOD=auto|bench|populate
#   NICE=-10 (run servers and generators at that priority: on a machine shared with other work)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

ROUNDS="${ROUNDS:-3}"
THREAD_ROUNDS="${THREAD_ROUNDS:-$ROUNDS}"
MEM_ROUNDS="${MEM_ROUNDS:-$ROUNDS}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
SERVER_CPUS="${SERVER_CPUS:-0}"
GEN_CPUS="${GEN_CPUS:-1}"
ALL_CPUS="${ALL_CPUS:-0-$(( $(nproc) - 1 ))}"
ANAX_THREADS="${ANAX_THREADS:-1}"
PHASES="${PHASES:-throughput open threads memory}"
MEM_KEYS="${MEM_KEYS:-1000000}"
MEM_METHOD="${MEM_METHOD:-auto}"
KEYS="${KEYS:-100000}"
CONNS="${CONNS:-50}"
OUT="${OUT:-$here/perf/target/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
PLOTS="${PLOTS:-}"
NICE="${NICE:-0}"   # e.g. -10 (root) on a machine shared with other work: servers and generators alike
if [ "$NICE" != 0 ] && [ -z "${ANAX_COMPARE_SESSION:-}" ] && [ -w /proc/self/autogroup ]; then
  # With autogroup scheduling, nice only ranks processes within one session: run in a session of
  # our own and give that session's group the priority (servers and generators alike).
  # A new session gets no terminal signals: pass them on, so that the servers are still stopped.
  export ANAX_COMPARE_SESSION=1 OUT
  setsid --wait "$0" "$@" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null' INT TERM
  status=0
  while kill -0 "$child" 2>/dev/null; do wait "$child" && status=0 || status=$?; done
  exit "$status"
fi
if [ "$NICE" != 0 ] && [ -w /proc/self/autogroup ]; then echo "$NICE" > /proc/self/autogroup 2>/dev/null || true; fi

REDIS_PORT=6450
ANAX_PORT=6451
RESULTS="$OUT/results.tsv"
JSONL="$OUT/anax-bench.jsonl"
mkdir -p "$OUT/hgrm" "$OUT/logs"
: > "$RESULTS"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
has_phase() { [[ " $PHASES " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------
# Processes we start, stopped on exit whatever happens.
pids=()
cleanup() {
  local p
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]:-}"; do
    [ -n "$p" ] && wait "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_ready() { # port pid
  local i
  for i in $(seq 1 150); do
    if redis-cli -p "$1" get anax:compare:probe >/dev/null 2>&1; then return 0; fi
    kill -0 "$2" 2>/dev/null || { log "server on port $1 died (see $OUT/logs)"; return 1; }
    sleep 0.2
  done
  log "server on port $1 not ready"; return 1
}

server_pid=""
start_redis() { # port cpus [extra args]
  local port=$1 cpus=$2; shift 2
  nice -n "$NICE" taskset -c "$cpus" redis-server --port "$port" --save '' --appendonly no "$@" \
    > "$OUT/logs/redis-$port.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  wait_ready "$port" "$server_pid"
}

start_anax() { # port cpus threads
  local port=$1 cpus=$2 threads=$3
  nice -n "$NICE" taskset -c "$cpus" "$here/bin/anax-server" --port "$port" --threads "$threads" \
    > "$OUT/logs/anax-$port-t$threads.log" 2>&1 &
  server_pid=$!; pids+=("$server_pid")
  wait_ready "$port" "$server_pid"
}

stop_server() { # pid
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  local keep=() p
  for p in "${pids[@]}"; do [ "$p" != "$1" ] && keep+=("$p"); done
  pids=("${keep[@]:-}")
}

record() { # phase test server round metric value
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$RESULTS"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, 1/100 s
machine_idle() { awk '/^cpu / {print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

# ---------------------------------------------------------------------------------------------
# Load generators, always on GEN_CPUS.
run_redis_benchmark() { # phase server port pipeline round   (server process: $cur_pid)
  local phase=$1 server=$2 port=$3 pipeline=$4 round=$5 n=200000
  [ "$pipeline" -gt 1 ] && n=2000000
  local csv t0 t1
  t0=$(cpu_ticks "$cur_pid")
  csv=$(nice -n "$NICE" taskset -c "$GEN_CPUS" redis-benchmark -p "$port" -t set,get -n "$n" -c "$CONNS" -P "$pipeline" \
        -d 32 -r "$KEYS" --csv 2>>"$OUT/logs/redis-benchmark.err" | tail -n +2 | tr -d '"')
  t1=$(cpu_ticks "$cur_pid")
  # server CPU per request over the whole invocation (SET and GET, n each)
  record "$phase" "redis-benchmark set+get -P $pipeline" "$server" "$round" server_cpu_us_per_op \
    "$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {printf "%.3f", (b - a) * 10000 / (2 * n)}')"
  echo "$csv" | while IFS=, read -r test rps avg min p50 p95 p99 max; do
    [ -n "$test" ] || continue
    record "$phase" "redis-benchmark $test -P $pipeline" "$server" "$round" rps "$rps"
    record "$phase" "redis-benchmark $test -P $pipeline" "$server" "$round" p99_ms "$p99"
  done
  log "  redis-benchmark -P $pipeline $server: $(echo "$csv" | awk -F, '{printf "%s %s/s  ", $1, $2}')"
}

bench() { # label port [anax-bench args...] ; prints the JSON line
  local label=$1 port=$2; shift 2
  local json status=0
  json=$(nice -n "$NICE" taskset -c "$GEN_CPUS" "$here/perf/anax-bench" -p "$port" -c "$CONNS" -k "$KEYS" --ratio 1:4 \
         -d "$DURATION" -w "$WARMUP" -l "$label" -q --server-pid "$cur_pid" "$@" 2>>"$OUT/logs/anax-bench.err") || status=$?
  json=$(echo "$json" | grep '^{' | tail -1)
  [ -n "$json" ] || { log "anax-bench $label failed (status $status)"; echo '{}'; return 0; }
  echo "$json" >> "$JSONL"
  [ "$status" -eq 0 ] || log "  anax-bench $label: exit $status: $(echo "$json" | jq -r .first_problem)"
  echo "$json"
}

run_closed() { # phase server port pipeline round
  local phase=$1 server=$2 port=$3 pipeline=$4 round=$5 json
  json=$(bench "$server-closed-P$pipeline-r$round" "$port" -P "$pipeline")
  local test="anax-bench closed -P $pipeline"
  record "$phase" "$test" "$server" "$round" ops "$(echo "$json" | jq -r '.ops_per_sec // empty')"
  record "$phase" "$test" "$server" "$round" p99_ms "$(echo "$json" | jq -r '.commands.ALL["p99_ms"] // empty')"
  record "$phase" "$test" "$server" "$round" wrong "$(echo "$json" | jq -r '((.commands.ALL.wrong // 0) + (.commands.ALL.errors // 0) + (.lost // 0))')"
  record "$phase" "$test" "$server" "$round" gen_cpu "$(echo "$json" | jq -r '.generator_cpu // empty')"
  record "$phase" "$test" "$server" "$round" server_cpu "$(echo "$json" | jq -r '.server_cpu // empty')"
  record "$phase" "$test" "$server" "$round" server_cpu_us_per_op "$(echo "$json" | jq -r '.server_cpu_us_per_op // empty')"
  log "  anax-bench closed -P $pipeline $server: $(echo "$json" | jq -r '"\(.ops_per_sec) ops/s, p99 \(.commands.ALL.p99_ms) ms, generator CPU \(.generator_cpu), server \(.server_cpu) cores, \(.server_cpu_us_per_op) us/op"')"
}

run_open() { # phase server port rate pct round
  local phase=$1 server=$2 port=$3 rate=$4 pct=$5 round=$6 json
  json=$(bench "$server-open$pct-r$round" "$port" -R "$rate" -o "$OUT/hgrm")
  local test="anax-bench open ${pct}%"
  record "$phase" "$test" "$server" "$round" ops "$(echo "$json" | jq -r '.ops_per_sec // empty')"
  record "$phase" "$test" "$server" "$round" p50_ms "$(echo "$json" | jq -r '.commands.ALL["p50_ms"] // empty')"
  record "$phase" "$test" "$server" "$round" p99_ms "$(echo "$json" | jq -r '.commands.ALL["p99_ms"] // empty')"
  record "$phase" "$test" "$server" "$round" p99.9_ms "$(echo "$json" | jq -r '.commands.ALL["p99.9_ms"] // empty')"
  record "$phase" "$test" "$server" "$round" send_lag_p99_ms "$(echo "$json" | jq -r '.send_lag_p99_ms // empty')"
  record "$phase" "$test" "$server" "$round" server_cpu "$(echo "$json" | jq -r '.server_cpu // empty')"
  log "  anax-bench open ${pct}% ($rate/s) $server: $(echo "$json" | jq -r '"p50 \(.commands.ALL.p50_ms) p99 \(.commands.ALL.p99_ms) p99.9 \(.commands.ALL["p99.9_ms"]) ms, send lag p99 \(.send_lag_p99_ms) ms"')"
}

median_of() { # phase test server metric
  awk -F'\t' -v ph="$1" -v t="$2" -v s="$3" -v m="$4" '$1==ph && $2==t && $3==s && $5==m && $6!="" {print $6}' "$RESULTS" \
    | sort -g | awk '{a[NR]=$1} END {if (NR) {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}}'
}

# ---------------------------------------------------------------------------------------------
if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (tools and perf, no tests)"
  mvn -B -q -ntp -DskipTests -DskipITs -pl tools,perf -am install >&2
fi
command -v redis-server >/dev/null && command -v redis-benchmark >/dev/null || { log "needs redis-server and redis-benchmark"; exit 1; }
command -v jq >/dev/null || { log "needs jq"; exit 1; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$here" diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(nproc) cores visible"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "kernel: $(uname -r)"
  echo "redis: $(redis-server --version | head -1)"
  echo "anax-bench java: $( (java -version 2>&1 | head -1) )"
  echo "pinning: servers on CPU $SERVER_CPUS, load generators on CPU $GEN_CPUS; nice $NICE"
  echo "rounds: $ROUNDS, anax-bench duration $DURATION after $WARMUP warm-up, $CONNS connections, $KEYS keys, SET:GET 1:4, 32-byte values"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/machine.txt"
read -r idle_start total_start < <(machine_idle)
cat "$OUT/machine.txt" >&2

# ---------------------------------------------------------------------------------------------
if has_phase throughput || has_phase open; then
  log "starting redis-server (CPU $SERVER_CPUS, port $REDIS_PORT) and Anax threads $ANAX_THREADS (CPU $SERVER_CPUS, port $ANAX_PORT)"
  start_redis "$REDIS_PORT" "$SERVER_CPUS"; redis_pid=$server_pid
  start_anax "$ANAX_PORT" "$SERVER_CPUS" "$ANAX_THREADS"; anax_pid=$server_pid
  anax_java="$(readlink -f "/proc/$anax_pid/exe")"
  echo "anax java: $anax_java ($("$anax_java" -version 2>&1 | head -1)), flags: $(tr '\0' ' ' < "/proc/$anax_pid/cmdline" | sed 's/ -cp .*//')" >> "$OUT/machine.txt"
  log "warm-up (JIT for Anax and the generator; same for both servers)"
  for s in redis anax; do
    port=$REDIS_PORT; cur_pid=$redis_pid; [ $s = anax ] && { port=$ANAX_PORT; cur_pid=$anax_pid; }
    DURATION=5s WARMUP=1s bench "warmup-$s" "$port" -P 16 >/dev/null
    DURATION=5s WARMUP=1s bench "warmup-$s" "$port" -P 1 >/dev/null
  done
fi

if has_phase throughput; then
  for round in $(seq 1 "$ROUNDS"); do
    log "throughput round $round/$ROUNDS"
    for s in redis anax; do
      port=$REDIS_PORT; cur_pid=$redis_pid; [ $s = anax ] && { port=$ANAX_PORT; cur_pid=$anax_pid; }
      run_redis_benchmark throughput "$s" "$port" 1 "$round"
      run_redis_benchmark throughput "$s" "$port" 16 "$round"
      run_closed throughput "$s" "$port" 1 "$round"
      run_closed throughput "$s" "$port" 16 "$round"
    done
  done
fi

if has_phase open; then
  peak=$(median_of throughput "anax-bench closed -P 1" redis ops)
  if [ -z "$peak" ]; then
    log "no Redis closed-loop peak measured yet: measuring it now"
    cur_pid=$redis_pid
    for round in $(seq 1 "$ROUNDS"); do run_closed throughput redis "$REDIS_PORT" 1 "$round"; done
    peak=$(median_of throughput "anax-bench closed -P 1" redis ops)
  fi
  echo "redis closed-loop -P 1 peak (median): $peak ops/s" >> "$OUT/machine.txt"
  for pct in 50 80; do
    rate=$(awk -v p="$peak" -v q="$pct" 'BEGIN {printf "%d", p * q / 100}')
    record open "offered rate ${pct}%" redis 0 rate "$rate"
    for round in $(seq 1 "$ROUNDS"); do
      log "open loop ${pct}% of Redis's peak = $rate req/s, round $round/$ROUNDS"
      for s in redis anax; do
        port=$REDIS_PORT; cur_pid=$redis_pid; [ $s = anax ] && { port=$ANAX_PORT; cur_pid=$anax_pid; }
        run_open open "$s" "$port" "$rate" "$pct" "$round"
      done
    done
  done
fi
if [ -n "${redis_pid:-}" ]; then stop_server "$redis_pid"; redis_pid=""; fi
if [ -n "${anax_pid:-}" ]; then stop_server "$anax_pid"; anax_pid=""; fi

# ---------------------------------------------------------------------------------------------
if has_phase threads; then
  # configurations: name port cpus kind threads
  configs=("redis-1core $REDIS_PORT $SERVER_CPUS redis 1"
           "anax-t1-1core 6452 $SERVER_CPUS anax 1"
           "anax-t2-1core 6453 $SERVER_CPUS anax 2"
           "redis-2cores 6454 $ALL_CPUS redis 1"
           "anax-t2-2cores 6455 $ALL_CPUS anax 2")
  for round in $(seq 1 "$THREAD_ROUNDS"); do
    log "threads round $round/$THREAD_ROUNDS"
    for c in "${configs[@]}"; do
      read -r name port cpus kind threads <<<"$c"
      if [ "$kind" = redis ]; then start_redis "$port" "$cpus"; else start_anax "$port" "$cpus" "$threads"; fi
      pid=$server_pid; cur_pid=$pid
      DURATION=4s WARMUP=1s bench "warmup-$name" "$port" -P 16 >/dev/null
      run_redis_benchmark threads "$name" "$port" 16 "$round"
      run_closed threads "$name" "$port" 1 "$round"
      run_closed threads "$name" "$port" 16 "$round"
      stop_server "$pid"
    done
  done
fi

# ---------------------------------------------------------------------------------------------
if has_phase memory; then
  # DEBUG POPULATE when both servers have it (Redis does, with enable-debug-command); otherwise
  # pipelined SETs from anax-bench for both, so that both hold exactly the same keys and values.
  method=$MEM_METHOD
  if [ "$method" = auto ]; then
    method=bench
    start_anax 6458 "$SERVER_CPUS" "$ANAX_THREADS"
    probe=$(redis-cli -p 6458 debug populate 0 2>&1 || true)
    stop_server "$server_pid"
    if [ "$probe" = OK ]; then method=populate; else echo "anax: DEBUG POPULATE rejected ($probe): keys loaded with anax-bench for both servers" >> "$OUT/skipped.txt"; fi
  fi
  echo "memory load method: $method" >> "$OUT/machine.txt"
  for round in $(seq 1 "$MEM_ROUNDS"); do
    log "memory round $round/$MEM_ROUNDS: $MEM_KEYS keys, 16-byte keys, 32-byte values"
    for s in redis anax; do
      port=6456; [ $s = anax ] && port=6457
      if [ $s = redis ]; then start_redis "$port" "$SERVER_CPUS" --enable-debug-command local; else start_anax "$port" "$SERVER_CPUS" "$ANAX_THREADS"; fi
      pid=$server_pid
      sleep 1
      rss0=$(rss_kb "$pid")
      used0=$(redis-cli -p "$port" info memory 2>/dev/null | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}')
      if [ "$method" = populate ]; then
        redis-cli -p "$port" debug populate "$MEM_KEYS" key:0000000 32 >/dev/null
      else
        json=$(nice -n "$NICE" taskset -c "$GEN_CPUS" "$here/perf/anax-bench" -p "$port" -c "$CONNS" -k "$MEM_KEYS" --key-size 16 -s 32 \
               --load-only --load-pipeline 64 -q -l "$s-memory-r$round" 2>>"$OUT/logs/anax-bench.err" | grep '^{' || echo '{}')
        echo "$json" >> "$JSONL"
        loaded=$(echo "$json" | jq -r '.loaded // 0')
        [ "$loaded" = "$MEM_KEYS" ] || log "  $s: only $loaded of $MEM_KEYS keys loaded"
        record memory "load $MEM_KEYS keys (SET/s)" "$s" "$round" rate "$(echo "$json" | jq -r '(.loaded / .load_seconds) | floor')"
      fi
      sleep 2
      rss1=$(rss_kb "$pid")
      used1=$(redis-cli -p "$port" info memory 2>/dev/null | tr -d '\r' | awk -F: '/^used_memory:/ {print $2}')
      record memory "RSS per key (bytes)" "$s" "$round" bytes "$(( (rss1 - rss0) * 1024 / MEM_KEYS ))"
      record memory "RSS after loading (MiB)" "$s" "$round" mib "$(( rss1 / 1024 ))"
      if [ -n "$used0" ] && [ -n "$used1" ]; then
        record memory "used_memory per key (bytes)" "$s" "$round" bytes "$(( (used1 - used0) / MEM_KEYS ))"
      else
        echo "$s: INFO memory rejected: $(redis-cli -p "$port" info memory 2>&1 | head -1)" >> "$OUT/skipped.txt"
      fi
      if [ $s = anax ]; then
        # The JVM's analogue of used_memory: live heap after a full GC.
        jcmd="$(dirname "$(readlink -f "/proc/$pid/exe")")/jcmd"
        if [ -x "$jcmd" ]; then
          "$jcmd" "$pid" GC.run >/dev/null 2>&1 || true
          sleep 1
          heap=$("$jcmd" "$pid" GC.heap_info 2>/dev/null | grep -m1 -oE 'used [0-9]+[KMG]' | awk '{v=$2; u=substr(v,length(v)); n=substr(v,1,length(v)-1); m=(u=="K")?1024:(u=="M")?1048576:1073741824; print n*m}')
          [ -n "$heap" ] && record memory "JVM heap used after full GC per key (bytes)" anax "$round" bytes "$(( heap / MEM_KEYS ))"
          record memory "RSS after full GC (MiB)" anax "$round" mib "$(( $(rss_kb "$pid") / 1024 ))"
        fi
      fi
      stop_server "$pid"
    done
  done
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
read -r idle_end total_end < <(machine_idle)
echo "machine idle during the run: $(awk -v a="$idle_start" -v b="$idle_end" -v c="$total_start" -v d="$total_end" 'BEGIN {printf "%.0f%%", 100 * (b - a) / (d - c)}') of both cores (what neither this script nor anyone else used)" >> "$OUT/machine.txt"

# ---------------------------------------------------------------------------------------------
plot_open() { # pct
  local pct=$1 args=() round shade
  local blues=("#08306b" "#1f5fa8" "#3a8fd0" "#6baed6" "#9ecae1") reds=("#7f0000" "#b71c1c" "#d62728" "#f0625f" "#f4a09c")
  for round in $(seq 1 "$ROUNDS"); do
    shade=$(( (round - 1) % 5 ))
    [ -f "$OUT/hgrm/redis-open$pct-r$round-ALL.hgrm" ] && args+=("Redis r$round=$OUT/hgrm/redis-open$pct-r$round-ALL.hgrm,${blues[$shade]}")
    [ -f "$OUT/hgrm/anax-open$pct-r$round-ALL.hgrm" ] && args+=("Anax r$round=$OUT/hgrm/anax-open$pct-r$round-ALL.hgrm,${reds[$shade]},dashed")
  done
  [ ${#args[@]} -gt 0 ] || return 0
  local rate; rate=$(awk -F'\t' -v p="offered rate ${pct}%" '$2==p {print $6}' "$RESULTS")
  "$here/perf/anax-bench" plot --log-y --out "$OUT/open-loop-$pct.png" \
    --title "GET+SET latency, open loop at $rate req/s (${pct}% of Redis's closed-loop peak), from planned send time" \
    "${args[@]}" >&2
  if [ -n "$PLOTS" ]; then mkdir -p "$PLOTS"; cp "$OUT/open-loop-$pct.png" "$PLOTS/bench-open-loop-$pct.png"; fi
}
if has_phase open; then plot_open 50; plot_open 80; fi

# Summary: medians over the rounds and the Anax/Redis ratio.
python3 - "$RESULTS" "$ANAX_THREADS" <<'PY' | tee "$OUT/summary.md"
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
anax_threads = sys.argv[2]
data = collections.defaultdict(list)
order = []
for phase, test, server, rnd, metric, value in rows:
    if value == "":
        continue
    key = (phase, test, metric)
    if key not in order:
        order.append(key)
    data[key + (server,)].append(float(value))

def med(k):
    v = data.get(k)
    return statistics.median(v) if v else None

def fmt(x, metric):
    if x is None:
        return "n/a"
    if metric.endswith("_ms"):
        return f"{x:.3f}"
    if metric in ("rps", "ops", "rate"):
        return f"{x:,.0f}"
    if metric in ("gen_cpu", "server_cpu"):
        return f"{x*100:.0f}%"
    return f"{x:,.1f}" if x != int(x) else f"{int(x):,}"

def ratio(a, r):
    return "n/a" if a is None or r in (None, 0) else f"{a / r:.2f}"

print("## Anax vs Redis: medians of the rounds\n")
print(f"Anax `threads {anax_threads}`; ratio = Anax / Redis (throughput: higher is better for Anax; latency and memory: lower is better for Anax).\n")
for phase, title in (("throughput", "Throughput"), ("open", "Open-loop latency (from the planned send time)"), ("memory", "Memory")):
    keys = [k for k in order if k[0] == phase and k[2] not in ("wrong",) and not k[1].startswith("offered rate")]
    if not keys:
        continue
    print(f"### {title}\n")
    for k in order:
        if k[0] == phase and k[1].startswith("offered rate"):
            print(f"- {k[1]} of Redis's closed-loop -P 1 peak: {med(k + ('redis',)):,.0f} requests/s")
    if phase == "open":
        print()
    print("| test | metric | Redis | Anax | Anax/Redis | rounds |")
    print("|---|---|---|---|---|---|")
    for ph, test, metric in keys:
        r = med((ph, test, metric, "redis")); a = med((ph, test, metric, "anax"))
        n = max(len(data.get((ph, test, metric, "redis"), [])), len(data.get((ph, test, metric, "anax"), [])))
        print(f"| {test} | {metric} | {fmt(r, metric)} | {fmt(a, metric)} | {ratio(a, r)} | {n} |")
    wrong = [(k, s) for k in order if k[0] == phase and k[2] == "wrong" for s in ("redis", "anax") if sum(data.get(k + (s,), [])) > 0]
    if wrong:
        print("\nchecked answers: problems in " + ", ".join(f"{s} {k[1]}" for k, s in wrong))
    print()
keys = [k for k in order if k[0] == "threads" and k[2] not in ("wrong", "gen_cpu", "server_cpu")]
if keys:
    servers = ["redis-1core", "anax-t1-1core", "anax-t2-1core", "redis-2cores", "anax-t2-2cores"]
    print("### Anax threads 1 vs threads 2 (medians; ratio columns against redis-1core)\n")
    print("| test | metric | " + " | ".join(servers) + " |")
    print("|---|---|" + "---|" * len(servers))
    for ph, test, metric in keys:
        base = med((ph, test, metric, "redis-1core"))
        cells = []
        for s in servers:
            v = med((ph, test, metric, s))
            cells.append(fmt(v, metric) + ("" if s == "redis-1core" or v is None or not base else f" ({v / base:.2f})"))
        print(f"| {test} | {metric} | " + " | ".join(cells) + " |")
    print()
PY
log "results in $OUT (summary.md, results.tsv, anax-bench.jsonl, hgrm/, *.png, logs/)"
