#!/usr/bin/env bash
# Runs units of the Redis 7.0 suite (external mode) against Anax and against a real
# redis-server 7.0.x, each restarted per unit, and prints both counts per unit and in total.
#
#   run-anax.sh [UNIT...] [--out DIR] [--redis-results DIR] [--anax-results DIR]
#               [--no-redis] [-- run.sh options...]
#
#   UNIT...              default: the units of units.txt
#   --out DIR            results (default $ANAX_CACHE/redis-suite/compare/<UTC time>):
#                        DIR/anax, DIR/redis (run.sh outputs), DIR/counts.tsv, DIR/tests.tsv
#   --redis-results DIR  reuse a run.sh output of redis-server instead of running it
#   --anax-results DIR   reuse a run.sh output of Anax instead of running it
#   --no-redis           run Anax only (counts then have no denominator)
#
# Anax is built once (ANAX_COMPAT_BUILD=0 skips it) and started by bin/anax-server with
# --threads ${ANAX_COMPAT_THREADS:-2}; tests of skiplist.txt are skipped on Anax only.
# Counting: a test counts for Redis when it passes on redis-server; for Anax when it passes on
# both (a test that fails on redis-server in external mode is not counted against Anax). A
# name that occurs n times in a unit counts n times. Tests passing on Anax only are reported
# as "extra".
#
# counts.tsv: unit <TAB> anax <TAB> redis <TAB> extra
# tests.tsv:  unit <TAB> test <TAB> times passed on redis <TAB> times passed on Anax
# Exit status: 0 (whatever the counts), 2 on setup errors.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMPAT_NAME=run-anax.sh
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

UNITS=()
PASS=()
OUT=""
REDIS_RESULTS=""
ANAX_RESULTS=""
NO_REDIS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; PASS=("$@"); break ;;
    --out) OUT="$2"; shift 2 ;;
    --redis-results) REDIS_RESULTS="$2"; shift 2 ;;
    --anax-results) ANAX_RESULTS="$2"; shift 2 ;;
    --no-redis) NO_REDIS=1; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) compat_log "unknown option $1"; exit 2 ;;
    *) UNITS+=("$1"); shift ;;
  esac
done
if [ ${#UNITS[@]} -eq 0 ]; then
  mapfile -t UNITS < <(grep -v '^[[:space:]]*\(#\|$\)' "$HERE/units.txt")
fi
[ -n "$OUT" ] || OUT="${ANAX_CACHE:-$HOME/.cache/anax}/redis-suite/compare/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT" && OUT="$(cd "$OUT" && pwd)"

SUITE="$("$HERE/fetch.sh" | tail -n1)" || { compat_log "fetch.sh failed"; exit 2; }

SKIPS=()
names="$(compat_skiplist_names "$HERE/skiplist.txt")" || exit 2
while IFS= read -r name; do [ -n "$name" ] && SKIPS+=(--skiptest "$name"); done <<< "$names"

DATA="$(mktemp -d "${TMPDIR:-/tmp}/anax-compat.XXXXXX")"
trap 'rm -rf "$DATA"' EXIT

if [ -z "$ANAX_RESULTS" ]; then
  compat_build || exit 2
  port="$(compat_free_port)" || exit 2
  compat_log "Anax: ${UNITS[*]} on port $port"
  "$HERE/run.sh" --suite "$SUITE" --port "$port" --units "${UNITS[*]}" --out "$OUT/anax" \
    --start-cmd "$(compat_anax_cmd)" "${SKIPS[@]}" "${PASS[@]}" >&2
  ANAX_RESULTS="$OUT/anax"
fi
if [ "$NO_REDIS" = 0 ] && [ -z "$REDIS_RESULTS" ]; then
  port="$(compat_free_port)" || exit 2
  compat_log "redis-server ($(redis-server --version | awk '{print $3}')): ${UNITS[*]} on port $port"
  "$HERE/run.sh" --suite "$SUITE" --port "$port" --units "${UNITS[*]}" --out "$OUT/redis" \
    --start-cmd "$(compat_redis_cmd "$DATA")" "${PASS[@]}" >&2
  REDIS_RESULTS="$OUT/redis"
fi

# tests.tsv and counts.tsv, in the order of UNITS.
printf '%s\n' "${UNITS[@]}" > "$OUT/units.lst"
redis_tsv=/dev/null
[ "$NO_REDIS" = 0 ] && redis_tsv="$REDIS_RESULTS/results.tsv"
awk -F'\t' -v OFS='\t' -v noredis="$NO_REDIS" -v tests="$OUT/tests.tsv" '
  FILENAME == ARGV[1] { order[++n] = $1; next }
  FILENAME == ARGV[2] { if ($2 == "ok") a[$1 SUBSEP $3]++; seen[$1 SUBSEP $3] = 1; next }
  { if ($2 == "ok") r[$1 SUBSEP $3]++; seen[$1 SUBSEP $3] = 1 }
  END {
    for (k in seen) {
      split(k, p, SUBSEP)
      ra = r[k] + 0; aa = a[k] + 0
      print p[1], p[2], (noredis ? "-" : ra), aa > tests
      if (noredis) { an[p[1]] += aa; continue }
      an[p[1]] += (aa < ra ? aa : ra); rn[p[1]] += ra; ex[p[1]] += (aa > ra ? aa - ra : 0)
    }
    print "unit", "anax", "redis", "extra"
    for (i = 1; i <= n; i++) { u = order[i]; print u, an[u] + 0, (noredis ? "-" : rn[u] + 0), ex[u] + 0 }
  }
' "$OUT/units.lst" "$ANAX_RESULTS/results.tsv" "$redis_tsv" > "$OUT/counts.tsv"
touch "$OUT/tests.tsv"
sort -o "$OUT/tests.tsv" "$OUT/tests.tsv"
rm -f "$OUT/units.lst"

echo
printf '%-28s %8s %8s %7s %6s\n' "unit" "anax" "redis" "%" "extra"
awk -F'\t' 'NR > 1 {
    pct = ($3 == "-" || $3 == 0) ? "-" : sprintf("%.1f", 100 * $2 / $3)
    printf "%-28s %8s %8s %7s %6s\n", $1, $2, $3, pct, $4
    a += $2; r += $3; e += $4 }
  END { pct = r ? sprintf("%.1f", 100 * a / r) : "-"; printf "%-28s %8d %8s %7s %6d\n", "TOTAL", a, (r ? r : "-"), pct, e }
' "$OUT/counts.tsv"
echo "results: $OUT (counts.tsv, tests.tsv, anax/, redis/)"
