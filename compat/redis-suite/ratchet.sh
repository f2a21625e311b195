#!/usr/bin/env bash
# The compatibility ratchet: tests of the Redis 7.0 suite that pass on Anax may never fail again.
#
#   ratchet.sh check  [--results DIR] [--out DIR] [--no-retry]
#   ratchet.sh update [--prune] [--results DIR] [--out DIR] [UNIT...]
#
# check   runs, against Anax, the units that have tests in passing.txt and fails (exit 1)
#         listing every test of passing.txt that no longer passes. A unit with a failing
#         listed test is run a second time (fresh server) and only tests that fail in both runs
#         count, so that a timing flake on a loaded machine does not break CI (--no-retry: one
#         run). Tests that pass now but are not listed are counted ("run ratchet.sh update").
# update  runs UNIT... (default: units.txt plus the units of passing.txt) and adds every test
#         that passes now. It never removes a test, unless --prune is given: then the tests of
#         the units run that do not pass now are removed.
#
#   --results DIR  use the results of an earlier run.sh/run-anax.sh run against Anax (the
#                  run.sh output directory, or a run-anax.sh --out directory) instead of running
#   --out DIR      where run.sh writes (default $ANAX_CACHE/redis-suite/ratchet/<UTC time>)
#
# passing.txt: '#' comment lines, then one "unit <TAB> test name" per line, sorted (LC_ALL=C).
# A test name that occurs several times in a unit passes when every occurrence passes.
# skiplist.txt: tests skipped on Anax (NAME <TAB> REASON). Anax is built once
# (ANAX_COMPAT_BUILD=0 skips the build) and restarted per unit by bin/anax-server
# (--threads ${ANAX_COMPAT_THREADS:-2}); RATCHET_UNIT_TIMEOUT (default 150) limits each unit,
# and there is no second run when the first took more than RATCHET_RETRY_BUDGET (default 300) s.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMPAT_NAME=ratchet.sh
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"
export LC_ALL=C

PASSING="$HERE/passing.txt"
MODE="${1:-}"
[ $# -gt 0 ] && shift
case "$MODE" in
  check|update) ;;
  -h|--help|"") sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; [ -n "$MODE" ]; exit $? ;;
  *) compat_log "unknown mode $MODE (check or update)"; exit 2 ;;
esac

PRUNE=0
RETRY=1
RESULTS=""
OUT=""
UNITS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --prune) PRUNE=1; shift ;;
    --no-retry) RETRY=0; shift ;;
    --results) RESULTS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -*) compat_log "unknown option $1"; exit 2 ;;
    *) UNITS+=("$1"); shift ;;
  esac
done
[ -f "$PASSING" ] || : > "$PASSING"
[ -n "$OUT" ] || OUT="${ANAX_CACHE:-$HOME/.cache/anax}/redis-suite/ratchet/$(date -u +%Y%m%dT%H%M%SZ)"

listed() { grep -v '^#' "$PASSING" | grep -v '^[[:space:]]*$' || true; }

# passing_now RESULTS_TSV: "unit<TAB>name" of every test whose occurrences all passed.
passing_now() {
  awk -F'\t' -v OFS='\t' '
    { k = $1 OFS $3; if ($2 == "ok") ok[k] = 1; else if ($2 != "skip") bad[k] = 1 }
    END { for (k in ok) if (!(k in bad)) print k }' "$1" | sort -u
}

# run_units OUTDIR UNIT...: runs the units against Anax.
run_units() {
  local out="$1" suite names port
  shift
  suite="$("$HERE/fetch.sh" | tail -n1)" || { compat_log "fetch.sh failed"; return 2; }
  compat_build || return 2
  local skips=()
  names="$(compat_skiplist_names "$HERE/skiplist.txt")" || return 2
  while IFS= read -r n; do [ -n "$n" ] && skips+=(--skiptest "$n"); done <<< "$names"
  port="$(compat_free_port)" || return 2
  compat_log "running $* against Anax on port $port"
  "$HERE/run.sh" --suite "$suite" --port "$port" --units "$*" --out "$out" \
    --timeout "${RATCHET_UNIT_TIMEOUT:-150}" --start-cmd "$(compat_anax_cmd)" "${skips[@]}" >&2
  [ -f "$out/results.tsv" ] || { compat_log "run.sh produced no results"; return 2; }
  return 0
}

results_tsv() {   # results_tsv DIR: the Anax results.tsv inside a run.sh or run-anax.sh dir
  if [ -f "$1/anax/results.tsv" ]; then echo "$1/anax/results.tsv"; else echo "$1/results.tsv"; fi
}

write_passing() {   # write_passing FILE_WITH_ENTRIES
  { grep '^#' "$PASSING" || true; sort -u "$1"; } > "$PASSING.tmp" && mv "$PASSING.tmp" "$PASSING"
}

T0=$(date +%s)
if [ "$MODE" = check ]; then
  mapfile -t UNITS < <(listed | cut -f1 | sort -u)
  total=$(listed | wc -l)
  # Fetch (and install tcl, dpkg-dev...) even with nothing listed, so that a fresh CI machine
  # proves the whole path from the first run on.
  [ -n "$RESULTS" ] || "$HERE/fetch.sh" >/dev/null || { compat_log "fetch.sh failed"; exit 2; }
  if [ "$total" -eq 0 ]; then
    compat_log "passing.txt lists no test yet: nothing to check (ratchet.sh update adds them)"
    exit 0
  fi
  if [ -n "$RESULTS" ]; then
    tsv="$(results_tsv "$RESULTS")"
  else
    run_units "$OUT" "${UNITS[@]}" || exit 2
    tsv="$OUT/results.tsv"
  fi
  now="$(mktemp)"; trap 'rm -f "$now"' EXIT
  passing_now "$tsv" > "$now"
  lost="$(listed | sort | comm -23 - "$now")"
  if [ -n "$lost" ] && [ "$RETRY" = 1 ] && [ -z "$RESULTS" ] && [ $(( $(date +%s) - T0 )) -gt "${RATCHET_RETRY_BUDGET:-300}" ]; then
    compat_log "no retry: the first run took more than ${RATCHET_RETRY_BUDGET:-300}s"
  elif [ -n "$lost" ] && [ "$RETRY" = 1 ] && [ -z "$RESULTS" ]; then
    mapfile -t again < <(printf '%s\n' "$lost" | cut -f1 | sort -u)
    compat_log "$(printf '%s\n' "$lost" | wc -l) listed tests failed; running ${again[*]} once more"
    run_units "$OUT/retry" "${again[@]}" || exit 2
    passing_now "$OUT/retry/results.tsv" >> "$now"
    sort -u -o "$now" "$now"
    lost="$(listed | sort | comm -23 - "$now")"
  fi
  new=$(listed | sort | comm -13 - "$now" | wc -l)
  nlost=0
  [ -n "$lost" ] && nlost=$(printf '%s\n' "$lost" | wc -l)
  echo "ratchet: ${#UNITS[@]} units, $total tests listed, $((total - nlost)) still pass, $nlost broke, $new newly pass$([ "$new" -gt 0 ] && echo ' (run compat/redis-suite/ratchet.sh update)') [$(( $(date +%s) - T0 ))s]"
  if [ "$nlost" -gt 0 ]; then
    echo "ratchet: FAILED: these tests of passing.txt no longer pass on Anax:"
    printf '%s\n' "$lost" | sed 's/^/  /'
    echo "ratchet: details in $OUT (failures.txt, <unit>.log, <unit>.server.log)"
    exit 1
  fi
  exit 0
fi

# update
if [ ${#UNITS[@]} -eq 0 ]; then
  mapfile -t UNITS < <({ grep -v '^[[:space:]]*\(#\|$\)' "$HERE/units.txt"; listed | cut -f1; } | awk '!seen[$0]++')
fi
if [ -n "$RESULTS" ]; then
  tsv="$(results_tsv "$RESULTS")"
else
  run_units "$OUT" "${UNITS[@]}" || exit 2
  tsv="$OUT/results.tsv"
fi
now="$(mktemp)"; next="$(mktemp)"; trap 'rm -f "$now" "$next"' EXIT
passing_now "$tsv" > "$now"
before=$(listed | wc -l)
if [ "$PRUNE" = 1 ]; then
  ran="$(cut -f1 "$tsv" | sort -u)"
  # keep entries of units not run, and entries that pass now
  listed | awk -F'\t' -v ran="$ran" 'BEGIN { n = split(ran, r, "\n"); for (i = 1; i <= n; i++) inrun[r[i]] = 1 }
    !($1 in inrun)' > "$next"
  listed | sort | comm -12 - "$now" >> "$next"
else
  listed > "$next"
fi
cat "$now" >> "$next"
write_passing "$next"
after=$(listed | wc -l)
echo "ratchet: passing.txt had $before tests, now $after ($(wc -l < "$now") pass in this run of ${UNITS[*]})"
