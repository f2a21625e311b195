#!/usr/bin/env bash
# Keyspace memory and growth latency, Anax and redis-server side by side in the same run: for each
# (keys, value size), start both fresh, load key:%012d (16-byte keys) with perf's LoadGen, and
# report RSS and used_memory per key, and the load's SET latency (p99.99, max).
# Usage: perf/keyspace-memory.sh [keys ...]   (default: 1000000)
#   env: SIZES="32 100"  THREADS=2  REDIS_PORT=6493  ANAX_PORT=6494  CONNS=2  WINDOW=64
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sizes="${SIZES:-32 100}"
threads="${THREADS:-2}"
redis_port="${REDIS_PORT:-6493}"
anax_port="${ANAX_PORT:-6494}"
conns="${CONNS:-2}"
window="${WINDOW:-64}"
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(1000000)
jar="$here/perf/target/anax-benchmarks.jar"
out="$(mktemp -d)"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -ntp -DskipTests -pl perf -am package)

rss() { awk '/VmRSS/ {printf "%d\n", $2 * 1024}' "/proc/$1/status"; }
used() { redis-cli -p "$1" info memory | tr -d '\r' | awk -F: '$1 == "used_memory" {print $2}'; }
wait_up() { for _ in $(seq 1 150); do redis-cli -p "$1" ping >/dev/null 2>&1 && return; sleep 0.2; done; echo "no server on $1" >&2; exit 1; }
stop() { redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true; redis-cli -p "$anax_port" shutdown nosave >/dev/null 2>&1 || true;
         [ -n "${anax_pid:-}" ] && { kill "$anax_pid" 2>/dev/null || true; wait "$anax_pid" 2>/dev/null || true; }; anax_pid=""; }
trap stop EXIT

echo "| server | keys | value | RSS | RSS/key | used_memory | used/key | ΔRSS/key | SET/s | p99.99 | max |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${counts[@]}"; do
  for size in $sizes; do
    for server in redis anax; do
      if [ "$server" = redis ]; then
        port=$redis_port
        redis-server --port "$port" --save '' --appendonly no --daemonize yes --logfile "$out/redis.log"
        wait_up "$port"; pid=$(redis-cli -p "$port" info server | tr -d '\r' | awk -F: '$1 == "process_id" {print $2}')
      else
        port=$anax_port
        ANAX_JVM_OPTS="-Xlog:gc,gc+phases:file=$out/gc-$n-$size.log" "$here/bin/anax-server" --port "$port" --threads "$threads" \
          > "$out/anax.log" 2>&1 &
        anax_pid=$!
        wait_up "$port"; pid=$(pgrep -f "dev.anax.tools.ServerMain --port $port" | head -1)
      fi
      java -cp "$jar" dev.anax.perf.LoadGen 127.0.0.1 "$port" warm 300000 "$size"
      sleep 2
      rss0=$(rss "$pid")
      java -cp "$jar" dev.anax.perf.LoadGen 127.0.0.1 "$port" load "$n" "$size" "$conns" "$window" > "$out/load.txt"
      sleep 3
      rss1=$(rss "$pid"); used1=$(used "$port")
      rate=$(awk '/^loaded/ {print $(NF-1)}' "$out/load.txt")
      p9999=$(sed -n 's/.*p99.99 \([0-9.]*\) ms.*/\1/p' "$out/load.txt")
      max=$(sed -n 's/.*max \([0-9.]*\) ms.*/\1/p' "$out/load.txt")
      printf '| %s | %d | %d | %.0f MB | %.1f | %.0f MB | %.1f | %.1f | %s | %s ms | %s ms |\n' "$server" "$n" "$size" \
        "$(echo "$rss1 / 1048576" | bc -l)" "$(echo "$rss1 / $n" | bc -l)" "$(echo "$used1 / 1048576" | bc -l)" \
        "$(echo "$used1 / $n" | bc -l)" "$(echo "($rss1 - $rss0) / $n" | bc -l)" "$rate" "$p9999" "$max"
      stop
    done
  done
done
echo "(GC logs and server logs in $out)"
