#!/usr/bin/env bash
# A first look at throughput: redis-benchmark against redis-server 7.0 and Anax on this machine,
# in the same run, alternating A B A B so that drift affects both alike. Prints a Markdown table
# of medians and the Anax/Redis ratio. Usage: perf/first-look.sh [rounds] [anax threads]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
threads="${2:-2}"
tests="ping,set,get,incr,mset"
redis_port=6520
anax_port=6521
out="$(mktemp -d)"

command -v redis-server >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server redis-tools >/dev/null; }
(cd "$here" && mvn -B -q -ntp -DskipTests -pl tools -am install)

cleanup() {
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  [ -n "${anax_pid:-}" ] && kill "$anax_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

redis-server --port "$redis_port" --save '' --appendonly no --daemonize yes --logfile "$out/redis.log"
"$here/bin/anax-server" --port "$anax_port" --threads "$threads" > "$out/anax.log" 2>&1 &
anax_pid=$!
for p in "$redis_port" "$anax_port"; do
  for _ in $(seq 1 100); do redis-cli -p "$p" ping >/dev/null 2>&1 && break; sleep 0.2; done
done

for round in $(seq 1 "$rounds"); do
  for pipeline in 1 32; do
    for server in redis anax; do
      port=$redis_port; [ "$server" = anax ] && port=$anax_port
      redis-benchmark -p "$port" -t "$tests" -n 200000 -c 50 -P "$pipeline" --csv 2>/dev/null \
        | tail -n +2 | tr -d '"' | awk -F, -v s="$server" -v p="$pipeline" -v r="$round" \
          '{print s, p, r, $1, $2}' >> "$out/results.txt"
    done
  done
done

echo "| test | -P | Redis rps (median) | Anax rps (median) | Anax/Redis |"
echo "|---|---|---|---|---|"
for pipeline in 1 32; do
  for t in PING_INLINE PING_MBULK SET GET INCR "MSET (10 keys)"; do
    med() { grep -F "$1 $pipeline " "$out/results.txt" | grep -F " $t " | awk '{print $NF}' | sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print 0}'; }
    r=$(med redis); a=$(med anax)
    [ "$r" = 0 ] && continue
    printf '| %s | %s | %.0f | %.0f | %.2f |\n' "$t" "$pipeline" "$r" "$a" "$(echo "$a / $r" | bc -l)"
  done
done
echo
echo "raw results: $out/results.txt"
