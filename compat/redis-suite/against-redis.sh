#!/usr/bin/env bash
# Reference run: the Redis 7.0 suite (external mode) against a real
# redis-server 7.0.x, restarted per unit, to calibrate run.sh and to know
# what "all green" looks like for the chosen units.
#
#   against-redis.sh [UNIT...] [-- run.sh options...]
#   against-redis.sh unit/type/string unit/keyspace -- --out /tmp/ref
#
# Default units: unit/type/string unit/keyspace unit/expire unit/protocol
# The port is the first free one in ANAX_SUITE_PORTS (default 6400-6499).
# Each server gets a throw-away --dir (DEBUG RELOAD writes an RDB there).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

UNITS=()
PASS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; PASS=("$@"); break ;;
    -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) UNITS+=("$1"); shift ;;
  esac
done
[ ${#UNITS[@]} -gt 0 ] || UNITS=(unit/type/string unit/keyspace unit/expire unit/protocol)

SUITE="$("$HERE/fetch.sh" | tail -n1)"
command -v redis-server >/dev/null || { echo "against-redis.sh: redis-server missing" >&2; exit 2; }
echo "against-redis.sh: $(redis-server --version)" >&2

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
RANGE="${ANAX_SUITE_PORTS:-6400-6499}"
PORT=""
for p in $(seq "${RANGE%-*}" "${RANGE#*-}"); do
  if ! port_in_use "$p"; then PORT="$p"; break; fi
done
[ -n "$PORT" ] || { echo "against-redis.sh: no free port in $RANGE" >&2; exit 2; }

DATA="$(mktemp -d "${TMPDIR:-/tmp}/anax-redis-ref.XXXXXX")"
trap 'rm -rf "$DATA"' EXIT

START_CMD="cd '$DATA' && rm -f dump.rdb && exec redis-server --port {port} --bind 127.0.0.1 --dir '$DATA' --logfile '' --daemonize no --save '' --appendonly no --enable-debug-command yes --enable-protected-configs yes --enable-module-command yes"

set +e
time "$HERE/run.sh" --suite "$SUITE" --host 127.0.0.1 --port "$PORT" \
  --units "${UNITS[*]}" --start-cmd "$START_CMD" "${PASS[@]}"
rc=$?
set -e
exit $rc
