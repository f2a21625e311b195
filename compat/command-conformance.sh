#!/usr/bin/env bash
# COMMAND conformance: starts a redis-server 7.0 and an Anax on free ports and compares, for
# every command Anax implements, Anax's COMMAND INFO with redis-server's (arity, flags,
# first/last/step keys, ACL categories, tips; key specs reported apart), and lists per group
# the commands Redis 7.0 has and Anax lacks.
#
#   compat/command-conformance.sh [--out DIR]
#
# --out DIR: groups.tsv, missing.tsv, mismatches.txt, summary.txt (for compat/report.sh).
# Exit status: 0 conformant (or nothing to compare yet), 1 mismatches among implemented
# commands, 2 setup errors. Anax is built once (ANAX_COMPAT_BUILD=0 skips it).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
COMPAT_NAME=command-conformance.sh
# shellcheck source=lib.sh
. "$HERE/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac

"$HERE/redis-suite/fetch.sh" --tools-only || exit 2
compat_build || exit 2
JAVA="$(compat_java)" || exit 2

DATA="$(mktemp -d "${TMPDIR:-/tmp}/anax-conformance.XXXXXX")"
cleanup() { compat_stop_all; rm -rf "$DATA"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

rport="$(compat_free_port)" || exit 2
compat_start redis-server "$(compat_redis_cmd "$DATA")" "$rport" "$DATA/redis.log" || exit 2
aport="$(compat_free_port "$rport")" || exit 2
compat_start anax "$(compat_anax_cmd)" "$aport" "$DATA/anax.log" || exit 2

"$JAVA" -cp "$COMPAT_CP" dev.anax.tools.compat.CommandConformance \
  --redis "127.0.0.1:$rport" --anax "127.0.0.1:$aport" "$@"
