#!/usr/bin/env bash
# Active expiry at scale, Anax and redis-server side by side: load N keys with a 1 s TTL (SET ... PX
# 1000), then, with no other traffic, time how long until DBSIZE reaches 0 while another client
# GETs a persistent key one request at a time; its latency is compared with the same probe on the
# idle server before the load.
# Usage: perf/expiry.sh [keys]   (default 1000000)   env: THREADS=2 REDIS_PORT=6495 ANAX_PORT=6496
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-1000000}"
threads="${THREADS:-2}"
redis_port="${REDIS_PORT:-6495}"
anax_port="${ANAX_PORT:-6496}"
jar="$here/perf/target/anax-benchmarks.jar"
out="$(mktemp -d)"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests -pl perf -am package)
gen() { java -cp "$jar" dev.anax.perf.LoadGen 127.0.0.1 "$@"; }
wait_up() { for _ in $(seq 1 150); do redis-cli -p "$1" ping >/dev/null 2>&1 && return; sleep 0.2; done; exit 1; }
stop() { redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true; redis-cli -p "$anax_port" shutdown nosave >/dev/null 2>&1 || true;
         [ -n "${anax_pid:-}" ] && { kill "$anax_pid" 2>/dev/null || true; wait "$anax_pid" 2>/dev/null || true; }; anax_pid=""; }
trap stop EXIT

for server in redis anax; do
  if [ "$server" = redis ]; then
    port=$redis_port
    redis-server --port "$port" --save '' --appendonly no --daemonize yes --logfile "$out/redis.log"
  else
    port=$anax_port
    "$here/bin/anax-server" --port "$port" --threads "$threads" > "$out/anax.log" 2>&1 &
    anax_pid=$!
  fi
  wait_up "$port"
  gen "$port" warm 300000 32 > /dev/null
  redis-cli -p "$port" set probe:key hello > /dev/null
  echo "== $server"
  echo -n "idle probe:        "; gen "$port" probe 5 probe:key
  gen "$port" load "$n" 32 2 256 1000 | head -1
  gen "$port" probe 8 probe:key > "$out/probe.txt" &
  probe_pid=$!
  gen "$port" drain 1 | tail -1
  wait "$probe_pid"
  echo -n "probe while expiring: "; cat "$out/probe.txt"
  redis-cli -p "$port" info stats | tr -d '\r' | grep -E '^expired_keys:'
  stop
done
