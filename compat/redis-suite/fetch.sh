#!/usr/bin/env bash
# Fetch the Redis 7.0 test suite (tests/, runtest, ...) from Debian's *source*
# package `redis` (bookworm: 7.0.15) and prepare it for external-mode runs.
#
#   compat/redis-suite/fetch.sh            # prints the suite dir on the last line
#   compat/redis-suite/fetch.sh --tools-only   # only installs tclsh, redis-server,
#                                              # redis-cli (for the diff and
#                                              # conformance tools)
#
# Environment:
#   ANAX_CACHE        cache root (default: $HOME/.cache/anax)
#   REDIS_SUITE_DIR   where the unpacked suite goes
#                     (default: $ANAX_CACHE/redis-suite/redis-7.0.15)
#   DEBIAN_MIRROR     Debian mirror URL (default: the one the machine's apt
#                     sources use for ".../debian", else http://deb.debian.org/debian)
#   DEBIAN_SUITE      default: bookworm
#
# The suite lives OUTSIDE the repository. Idempotent: if the suite dir already
# holds a runnable suite, only the binary symlinks are (re)checked.
# apt is used with a PRIVATE configuration (own sources list, lists and cache
# dirs), so the machine's apt state is not touched by the deb-src entry.
set -euo pipefail

REDIS_VERSION=7.0.15
CACHE_ROOT="${ANAX_CACHE:-$HOME/.cache/anax}"
SUITE_DIR="${REDIS_SUITE_DIR:-$CACHE_ROOT/redis-suite/redis-$REDIS_VERSION}"
DEBIAN_SUITE="${DEBIAN_SUITE:-bookworm}"

log() { echo "fetch.sh: $*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi

apt_updated=0
ensure_pkgs() {   # ensure_pkgs <command-to-check> <package>...
  local cmd="$1"; shift
  if command -v "$cmd" >/dev/null 2>&1; then return 0; fi
  log "installing $* (missing: $cmd)"
  if [ "$apt_updated" = 0 ]; then
    $SUDO apt-get update -qq >&2
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}

ensure_pkgs tclsh tcl
ensure_pkgs redis-server redis-server
ensure_pkgs redis-cli redis-tools
[ "${1:-}" = "--tools-only" ] && exit 0

suite_ok() {
  [ -x "$SUITE_DIR/runtest" ] && [ -f "$SUITE_DIR/tests/test_helper.tcl" ]
}

link_binaries() {
  mkdir -p "$SUITE_DIR/src"
  local b src
  for b in redis-cli redis-benchmark redis-server redis-check-aof redis-check-rdb; do
    src="$(command -v "$b" 2>/dev/null || true)"
    [ -n "$src" ] || src="/usr/bin/$b"
    if [ ! -e "$src" ]; then
      log "warning: $b not found, not linked"
      continue
    fi
    ln -sfn "$src" "$SUITE_DIR/src/$b"
  done
}

if suite_ok; then
  link_binaries
  echo "$SUITE_DIR"
  exit 0
fi

ensure_pkgs dpkg-source dpkg-dev

# --- mirror: reuse the host the machine's apt sources use for Debian ---------
detect_mirror() {
  local f u
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    # deb822: "URIs: http://host/debian" (skip debian-security etc.)
    u="$(awk 'tolower($1)=="uris:" { for (i=2;i<=NF;i++) if ($i ~ /\/debian\/?$/) { print $i; exit } }' "$f")"
    if [ -n "$u" ]; then echo "${u%/}"; return; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    # one-line: "deb [opts] http://host/debian bookworm main"
    u="$(sed -e 's/\[[^]]*\]//' "$f" | awk '$1=="deb" && $2 ~ /\/debian\/?$/ { print $2; exit }')"
    if [ -n "$u" ]; then echo "${u%/}"; return; fi
  done
  echo "http://deb.debian.org/debian"
}
MIRROR="${DEBIAN_MIRROR:-$(detect_mirror)}"

WORK="$CACHE_ROOT/redis-suite/apt"
mkdir -p "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/dl"

KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
OPTS=""
[ -f "$KEYRING" ] && OPTS="[signed-by=$KEYRING] "
echo "deb-src ${OPTS}$MIRROR $DEBIAN_SUITE main" > "$WORK/sources.list"

APT_OPTS=(
  -o "Dir::Etc::sourcelist=$WORK/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$WORK/lists"
  -o "Dir::Cache=$WORK/cache"
  -o "APT::Get::List-Cleanup=0"
  -o "APT::Sandbox::User=root"
  -o "Acquire::Languages=none"
)

log "deb-src $MIRROR $DEBIAN_SUITE main (private apt config in $WORK)"
apt-get "${APT_OPTS[@]}" -qq update >&2

rm -rf "$WORK/dl"; mkdir -p "$WORK/dl"
( cd "$WORK/dl" && apt-get "${APT_OPTS[@]}" -qq source --download-only redis >&2 )

dsc="$(ls "$WORK"/dl/redis_*.dsc 2>/dev/null | head -n1 || true)"
[ -n "$dsc" ] || { log "error: no redis_*.dsc downloaded"; exit 1; }
case "$(basename "$dsc")" in
  redis_*"$REDIS_VERSION"*) ;;
  *) log "warning: source package is $(basename "$dsc"), expected redis $REDIS_VERSION" ;;
esac

tmp="$WORK/extract"
rm -rf "$tmp"
# --skip-patches is not used: Debian's patches are kept as shipped.
dpkg-source --no-check -x "$dsc" "$tmp" >&2

mkdir -p "$(dirname "$SUITE_DIR")"
rm -rf "$SUITE_DIR"
mv "$tmp" "$SUITE_DIR"
rm -rf "$WORK/dl"
rm -f "$WORK"/redis_*.orig.tar.* "$WORK"/redis_*.debian.tar.*  # left beside the target by dpkg-source

suite_ok || { log "error: $SUITE_DIR has no runtest/tests"; exit 1; }
link_binaries
log "suite ready"
echo "$SUITE_DIR"
