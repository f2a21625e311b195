#!/usr/bin/env bash
# Run units of the Redis 7.0 test suite in external mode against a server on
# HOST:PORT, one `./runtest --single <unit>` per unit, and collect the results.
#
# Usage:
#   run.sh [--port P] [--host H] [--units "unit/type/string unit/keyspace ..."]
#          [--timeout SECONDS] [--test-timeout SECONDS] [--out DIR]
#          [--skiptest NAME]... [--tags "TAG -TAG ..."]
#          [--start-cmd CMD | --restart-cmd CMD] [--start-wait SECONDS]
#          [--suite DIR]
#
#   --port P            server port (default 6379)
#   --host H            server host (default 127.0.0.1)
#   --units "..."       space separated units (default: unit/type/string
#                       unit/keyspace unit/expire unit/protocol)
#   --timeout S         wall-clock limit per unit (default 600); a unit that hits
#                       it is recorded with status "timeout"
#   --test-timeout S    runtest --timeout: max seconds without test progress
#                       (default 60)
#   --out DIR           results dir (default $ANAX_CACHE/redis-suite/out/<UTC time>,
#                       ANAX_CACHE defaults to $HOME/.cache/anax)
#   --skiptest NAME     extra test to skip (repeatable; "/regexp" allowed, as in
#                       runtest). "SRANDMEMBER with a dict containing long chain"
#                       is always skipped.
#   --tags "..."        passed to runtest --tags (e.g. "-needs:repl")
#   --start-cmd CMD     (alias --restart-cmd) command that starts the server in
#                       the foreground or background; it is run per unit in its
#                       own process group (bash -c, with PORT and HOST exported
#                       and "{port}" replaced by the port), the script waits until
#                       `redis-cli -h H -p P ping` answers, and kills the whole
#                       process group after the unit. Without it, the server must
#                       already be running.
#   --start-wait S      how long to wait for the started server (default 120)
#   --suite DIR         unpacked suite (default: output of fetch.sh)
#
# Output (in OUT):
#   <unit>.log          raw runtest output (ANSI colours stripped)
#   <unit>.server.log   output of --start-cmd, if given
#   results.tsv         unit <TAB> status <TAB> test name
#                       status: ok | err | exception | skip | ignore | timeout
#   summary.tsv         per unit counts and wall seconds
#   failures.txt        err/exception lines with the following detail lines
# Exit status: 0 when no err/exception/timeout, 1 otherwise, 2 on usage/setup errors.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

PORT=6379
HOST=127.0.0.1
UNITS="unit/type/string unit/keyspace unit/expire unit/protocol"
UNIT_TIMEOUT=600
TEST_TIMEOUT=60
OUT=""
SUITE=""
START_CMD=""
START_WAIT=120
TAGS=""
SKIPTESTS=("SRANDMEMBER with a dict containing long chain")

die() { echo "run.sh: $*" >&2; exit 2; }
need_arg() { [ $# -ge 2 ] || die "option $1 needs an argument"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --port) need_arg "$@"; PORT="$2"; shift 2 ;;
    --host) need_arg "$@"; HOST="$2"; shift 2 ;;
    --units) need_arg "$@"; UNITS="$2"; shift 2 ;;
    --timeout) need_arg "$@"; UNIT_TIMEOUT="$2"; shift 2 ;;
    --test-timeout) need_arg "$@"; TEST_TIMEOUT="$2"; shift 2 ;;
    --out) need_arg "$@"; OUT="$2"; shift 2 ;;
    --skiptest) need_arg "$@"; SKIPTESTS+=("$2"); shift 2 ;;
    --tags) need_arg "$@"; TAGS="$2"; shift 2 ;;
    --start-cmd|--restart-cmd) need_arg "$@"; START_CMD="$2"; shift 2 ;;
    --start-wait) need_arg "$@"; START_WAIT="$2"; shift 2 ;;
    --suite) need_arg "$@"; SUITE="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option: $1 (see --help)" ;;
  esac
done

case "$PORT" in ''|*[!0-9]*) die "bad --port: $PORT" ;; esac
command -v redis-cli >/dev/null 2>&1 || die "redis-cli not found (run fetch.sh)"
command -v timeout >/dev/null 2>&1 || die "coreutils timeout not found"

if [ -z "$SUITE" ]; then
  SUITE="$("$HERE/fetch.sh" | tail -n1)" || die "fetch.sh failed"
fi
[ -x "$SUITE/runtest" ] || die "no runtest in suite dir: $SUITE"
SUITE="$(cd "$SUITE" && pwd)"

if [ -z "$OUT" ]; then
  OUT="${ANAX_CACHE:-$HOME/.cache/anax}/redis-suite/out/$(date -u +%Y%m%dT%H%M%SZ)"
fi
mkdir -p "$OUT" || die "cannot create $OUT"
OUT="$(cd "$OUT" && pwd)"

log() { echo "run.sh: $*" >&2; }

# The server is up when it answers PING with any reply: PONG, or an error from a
# server that does not implement PING yet (a partial Anax answers "ERR unknown
# command"). redis-cli prints nothing on stdout when it cannot connect.
ping_ok() {
  local reply
  reply="$(timeout 5 redis-cli -h "$HOST" -p "$PORT" ping 2>/dev/null)" || true
  [ -n "$reply" ] && [ "${reply#LOADING}" = "$reply" ]
}

SERVER_PGID=""
start_server() {   # start_server <server-log>
  local cmd="${START_CMD//\{port\}/$PORT}" waited=0
  if ping_ok; then
    log "something already answers on $HOST:$PORT; refusing to start another server"
    return 1
  fi
  # New session => own process group whose id is the pid of the child.
  PORT="$PORT" HOST="$HOST" setsid bash -c "$cmd" >"$1" 2>&1 </dev/null &
  SERVER_PGID=$!
  while ! ping_ok; do
    if [ "$waited" -ge $((START_WAIT * 5)) ]; then
      log "server did not answer PING within ${START_WAIT}s (see $1)"
      stop_server
      return 1
    fi
    # Command exited and nothing in its group remains => it failed.
    if ! kill -0 "$SERVER_PGID" 2>/dev/null && ! kill -0 -- "-$SERVER_PGID" 2>/dev/null; then
      log "server command exited before answering PING (see $1)"
      SERVER_PGID=""
      return 1
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  return 0
}

stop_server() {
  [ -n "$SERVER_PGID" ] || return 0
  local i
  kill -TERM -- "-$SERVER_PGID" 2>/dev/null
  for i in $(seq 1 50); do
    kill -0 -- "-$SERVER_PGID" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 -- "-$SERVER_PGID" 2>/dev/null; then
    log "server group $SERVER_PGID still alive after TERM, sending KILL"
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null
    sleep 0.5
  fi
  wait "$SERVER_PGID" 2>/dev/null
  SERVER_PGID=""
  if ping_ok; then
    log "warning: $HOST:$PORT still answers after stopping the server (did it daemonize?)"
  fi
}

RUNTEST_PGID=""
on_exit() {
  [ -n "$RUNTEST_PGID" ] && kill -KILL -- "-$RUNTEST_PGID" 2>/dev/null
  stop_server
}
trap on_exit EXIT
trap 'exit 130' INT TERM

strip_ansi() { sed -E $'s/\x1b\\[[0-9;]*[A-Za-z]//g; s/\r$//'; }

# parse_log <unit> <log> <rc> -> appends to results.tsv and failures.txt
parse_log() {
  local unit="$1" logf="$2" rc="$3"
  awk -v unit="$unit" -v rc="$rc" -v fails="$OUT/failures.txt" '
    function emit(status, name) {
      gsub(/\t/, " ", name)
      printf "%s\t%s\t%s\n", unit, status, name
    }
    BEGIN { done = 0; timeout = 0; exc = 0; detail = 0 }
    # detail lines following an [err]/[exception] go to failures.txt
    detail > 0 && !/^\[[A-Za-z0-9\/ ]+\]:/ && !/^Testing / {
      print "    " $0 >> fails; detail--; next
    }
    { detail = 0 }
    /^\[ok\]: / {
      name = substr($0, 7); sub(/ \([0-9]+ ms\)$/, "", name); emit("ok", name); next
    }
    /^\[err\]: / {
      name = substr($0, 8); sub(/ in tests\/[^ ]*\.tcl$/, "", name); emit("err", name)
      print unit ": " $0 >> fails; detail = 3; next
    }
    /^\[exception\]: / {
      name = substr($0, 14); emit("exception", name); exc = 1
      print unit ": " $0 >> fails; detail = 15; next
    }
    /^\[skip\]: / { emit("skip", substr($0, 9)); next }
    /^\[ignore\]: / { emit("ignore", substr($0, 11)); next }
    /^\[TIMEOUT\]: / {
      emit("timeout", "(runtest: no progress for the per-test timeout)"); timeout = 1
      print unit ": " $0 >> fails; detail = 5; next
    }
    /^\[[0-9]+\/[0-9]+ done\]: / { done = 1; next }
    END {
      if (rc == 124 || rc == 137) {
        emit("timeout", "(unit wall-clock timeout)")
        print unit ": unit wall-clock timeout" >> fails
      } else if (!done && !timeout && !exc) {
        emit("exception", "(unit did not complete, runtest exit code " rc ")")
        print unit ": unit did not complete, runtest exit code " rc >> fails
      }
    }
  ' "$logf" >> "$OUT/results.tsv"
}

: > "$OUT/results.tsv"
: > "$OUT/failures.txt"
printf 'unit\tok\terr\texception\tskip\tignore\ttimeout\tseconds\n' > "$OUT/summary.tsv"

# runtest listens for its test clients on a port below --baseport (default 21111), found by a
# racy probe: two suites started at the same moment on one machine collide ("couldn't open
# socket: address already in use"). A base port derived from the server's port keeps
# concurrent runs against different servers apart.
BASEPORT="${ANAX_SUITE_BASEPORT:-$((20000 + (PORT % 250) * 40))}"
RUNTEST_ARGS=(--host "$HOST" --port "$PORT" --durable --timeout "$TEST_TIMEOUT" --baseport "$BASEPORT" --portcount 32)
for s in "${SKIPTESTS[@]}"; do RUNTEST_ARGS+=(--skiptest "$s"); done
[ -n "$TAGS" ] && RUNTEST_ARGS+=(--tags "$TAGS")

log "suite $SUITE, server $HOST:$PORT, out $OUT"
T0=$(date +%s)
for unit in $UNITS; do
  logf="$OUT/$unit.log"
  mkdir -p "$(dirname "$logf")"
  u0=$(date +%s)
  started=1
  if [ ! -f "$SUITE/tests/$unit.tcl" ]; then
    log "no such unit: $unit"
    started=0
  elif [ -n "$START_CMD" ]; then
    start_server "$OUT/$unit.server.log" || started=0
  elif ! ping_ok; then
    log "no server answers on $HOST:$PORT"
    started=0
  fi
  if [ "$started" = 1 ]; then
    log "running $unit"
    for attempt in 1 2 3; do
      # timeout puts runtest (and its test-client tclsh) in its own process group
      # and signals the whole group on expiry.
      ( cd "$SUITE" && exec timeout --kill-after=15 "$UNIT_TIMEOUT" \
          ./runtest "${RUNTEST_ARGS[@]}" --single "$unit" </dev/null >"$logf.raw" 2>&1 ) &
      RUNTEST_PGID=$!
      wait "$RUNTEST_PGID"
      rc=$?
      RUNTEST_PGID=""
      # runtest's own listening port taken by a concurrent suite before any test ran: retry
      grep -q "couldn't open socket: address already in use" "$logf.raw" &&
        ! grep -q '^\[' "$logf.raw" || break
      log "runtest could not open its port (a concurrent suite?); retrying $unit"
      sleep $((attempt * 2))
    done
    strip_ansi < "$logf.raw" > "$logf" && rm -f "$logf.raw"
    parse_log "$unit" "$logf" "$rc"
  else
    if [ -f "$SUITE/tests/$unit.tcl" ]; then why="server not available"; else why="no such unit"; fi
    echo "$why" > "$logf"
    printf '%s\texception\t(%s)\n' "$unit" "$why" >> "$OUT/results.tsv"
    printf '%s: %s\n' "$unit" "$why" >> "$OUT/failures.txt"
  fi
  stop_server
  u1=$(date +%s)
  awk -F'\t' -v u="$unit" -v secs=$((u1 - u0)) '
    $1 == u { c[$2]++ }
    END { printf "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", u, c["ok"], c["err"], c["exception"], c["skip"], c["ignore"], c["timeout"], secs }
  ' "$OUT/results.tsv" >> "$OUT/summary.tsv"
done
T1=$(date +%s)

awk -F'\t' -v total=$((T1 - T0)) '
  NR == 1 { next }
  { printf "%-28s ok=%-5d err=%-4d exception=%-3d skip=%-3d ignore=%-4d timeout=%-2d %5ds\n", $1, $2, $3, $4, $5, $6, $7, $8
    for (i = 2; i <= 7; i++) s[i] += $i }
  END { printf "%-28s ok=%-5d err=%-4d exception=%-3d skip=%-3d ignore=%-4d timeout=%-2d %5ds\n", "TOTAL", s[2], s[3], s[4], s[5], s[6], s[7], total }
' "$OUT/summary.tsv"
echo "results: $OUT/results.tsv"

bad=$(awk -F'\t' '$2 == "err" || $2 == "exception" || $2 == "timeout" { n++ } END { print n + 0 }' "$OUT/results.tsv")
[ "$bad" -eq 0 ]
