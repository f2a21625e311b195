#!/usr/bin/env bash
# Differential run: starts a redis-server and an Anax on free ports, runs DiffTester against
# both for SECONDS (default 60), stops them.
#
#   compat/diff/run.sh [SECONDS] [--enabled] [DiffTester options...]
#
#   --enabled   only the commands of compat/diff/enabled.txt (what CI runs: the families
#               that agree with Redis today; a mismatch there fails the build)
#   DiffTester options: --seed N, --sequences N, --length L, --commands LIST (e.g.
#               "group:string,-lcs"), --commands-file FILE, --max-mismatches N, --list ...
#
# Examples:
#   compat/diff/run.sh 600                       # ten minutes over every command both have
#   compat/diff/run.sh 120 --enabled             # the CI run
#   compat/diff/run.sh 5 --seed 42 --sequences 1 # replay one sequence
# Anax is built once (ANAX_COMPAT_BUILD=0 skips it) and started with
# --threads ${ANAX_COMPAT_THREADS:-2}; ports come from ANAX_COMPAT_PORTS (default 6400-6499).
# Exit status: DiffTester's (0 agree, 1 mismatches, 2 setup errors).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMPAT_NAME=diff/run.sh
# shellcheck source=../lib.sh
. "$HERE/../lib.sh"

SECONDS_ARG=60
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then SECONDS_ARG="$1"; shift; fi
case "${1:-}" in -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
ARGS=()
for a in "$@"; do
  if [ "$a" = "--enabled" ]; then ARGS+=(--commands-file "$HERE/enabled.txt"); else ARGS+=("$a"); fi
done

"$COMPAT_ROOT/compat/redis-suite/fetch.sh" --tools-only || exit 2
compat_build || exit 2
JAVA="$(compat_java)" || exit 2

DATA="$(mktemp -d "${TMPDIR:-/tmp}/anax-diff.XXXXXX")"
cleanup() { compat_stop_all; rm -rf "$DATA"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

rport="$(compat_free_port)" || exit 2
compat_start redis-server "$(compat_redis_cmd "$DATA")" "$rport" "$DATA/redis.log" || exit 2
aport="$(compat_free_port "$rport")" || exit 2
compat_start anax "$(compat_anax_cmd)" "$aport" "$DATA/anax.log" || exit 2

"$JAVA" -cp "$COMPAT_CP" dev.anax.tools.compat.DiffTester --seconds "$SECONDS_ARG" \
  --redis "127.0.0.1:$rport" --anax "127.0.0.1:$aport" "${ARGS[@]}"
rc=$?
if ! compat_port_in_use "$aport"; then
  compat_log "Anax is no longer listening: it crashed. Its log:"
  tail -n 50 "$DATA/anax.log" >&2
  [ "$rc" = 0 ] && rc=1
fi
exit $rc
