# Shared helpers of the compat scripts (sourced, not run).
#
# Environment:
#   ANAX_COMPAT_PORTS   port range the scripts pick free ports from (default 6400-6499;
#                       ANAX_SUITE_PORTS is honoured too)
#   ANAX_COMPAT_THREADS --threads of the Anax servers the scripts start (default 2)
#   ANAX_COMPAT_BUILD   0: never build, use tools/target as it is (default 1: build once
#                       when the jar is missing or older than a source file)

COMPAT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COMPAT_JAR="$COMPAT_ROOT/tools/target/anax-tools-0.1.0-SNAPSHOT.jar"
COMPAT_CP="$COMPAT_JAR:$COMPAT_ROOT/tools/target/lib/*"

compat_log() { echo "${COMPAT_NAME:-compat}: $*" >&2; }

compat_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# compat_free_port [AFTER]: first free port of the range greater than AFTER.
compat_free_port() {
  local range="${ANAX_COMPAT_PORTS:-${ANAX_SUITE_PORTS:-6400-6499}}" after="${1:-0}" p
  for p in $(seq "${range%-*}" "${range#*-}"); do
    [ "$p" -gt "$after" ] || continue
    if ! compat_port_in_use "$p"; then echo "$p"; return 0; fi
  done
  compat_log "no free port in $range"
  return 1
}

# compat_build: builds the server jar and its lib/ once, when missing or stale. The
# integration tests are skipped (-DskipITs): failsafe ignores -DskipTests.
compat_build() {
  if [ "${ANAX_COMPAT_BUILD:-1}" = 0 ]; then
    [ -f "$COMPAT_JAR" ] || { compat_log "ANAX_COMPAT_BUILD=0 but $COMPAT_JAR is missing"; return 1; }
    return 0
  fi
  if [ -f "$COMPAT_JAR" ] && [ -d "$COMPAT_ROOT/tools/target/lib" ] &&
     [ -z "$(find "$COMPAT_ROOT" -path '*/src/main/*' -newer "$COMPAT_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  compat_log "building the server (mvn install -pl tools -am, tests skipped)"
  (cd "$COMPAT_ROOT" && mvn -B -ntp -q -DskipTests -DskipITs -pl tools -am install) >&2
}

# The command that starts Anax in the foreground on {port} (run.sh --start-cmd syntax), with
# DEBUG enabled as the suite needs (when this build knows the option) and ANAX_COMPAT_SERVER_ARGS.
compat_anax_cmd() {
  local extra=""
  if grep -q '"enable-debug-command"' "$COMPAT_ROOT/engine/src/main/java/dev/anax/engine/config/ServerConfig.java" 2>/dev/null; then
    extra=" --enable-debug-command yes"
  fi
  echo "exec '$COMPAT_ROOT/bin/anax-server' --port {port} --threads ${ANAX_COMPAT_THREADS:-2}$extra ${ANAX_COMPAT_SERVER_ARGS:-}"
}

# The command that starts redis-server in the foreground on {port}, data in DIR.
compat_redis_cmd() {
  local dir="$1"
  echo "cd '$dir' && rm -f dump.rdb && exec redis-server --port {port} --bind 127.0.0.1 --dir '$dir' --logfile '' --daemonize no --save '' --appendonly no --enable-debug-command yes --enable-protected-configs yes --enable-module-command yes"
}

# compat_java: the newest JDK >= 17 (the one bin/anax-server would pick).
compat_java() {
  local best="" best_v=0 c v
  for c in "${ANAX_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" /usr/lib/jvm/*/bin/java "$(command -v java || true)"; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v=$("$c" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}')
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 17 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  [ -n "$best" ] || { compat_log "no JDK 17 or later found"; return 1; }
  echo "$best"
}

# Background servers started by compat_start; compat_stop_all kills their process groups.
COMPAT_PGIDS=()

# compat_start NAME CMD PORT LOGFILE: starts CMD ({port} replaced) in its own process
# group and waits (up to 120 s) until the port answers any reply to PING.
compat_start() {
  local name="$1" cmd="${2//\{port\}/$3}" port="$3" logf="$4" pgid i reply
  setsid bash -c "$cmd" >"$logf" 2>&1 </dev/null &
  pgid=$!
  COMPAT_PGIDS+=("$pgid")
  for i in $(seq 1 600); do
    reply="$(timeout 5 redis-cli -p "$port" ping 2>/dev/null)" || true
    if [ -n "$reply" ]; then return 0; fi
    if ! kill -0 "$pgid" 2>/dev/null; then
      compat_log "$name exited before answering (see $logf)"; tail -n 20 "$logf" >&2; return 1
    fi
    sleep 0.2
  done
  compat_log "$name did not answer on port $port within 120 s (see $logf)"
  return 1
}

compat_stop_all() {
  local g i
  for g in "${COMPAT_PGIDS[@]}"; do
    kill -TERM -- "-$g" 2>/dev/null || continue
    for i in $(seq 1 50); do kill -0 -- "-$g" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$g" 2>/dev/null || true
    wait "$g" 2>/dev/null || true
  done
  COMPAT_PGIDS=()
}

# compat_skiplist_names FILE: the test names of a skiplist (NAME <TAB> REASON per line, '#'
# comments); fails when a line has no reason.
compat_skiplist_names() {
  awk -F'\t' '
    /^[[:space:]]*(#|$)/ { next }
    { if (NF < 2 || $2 ~ /^[[:space:]]*$/) { printf "%s:%d: no reason given\n", FILENAME, FNR > "/dev/stderr"; bad = 1 }
      print $1 }
    END { exit bad }' "$1"
}
