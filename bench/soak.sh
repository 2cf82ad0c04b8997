#!/usr/bin/env bash
# The soak run of realtime-hub (issue 21 item 3; `bench/run.sh soak` runs this): hub nodes over a private Redis,
# churning clients on every topic policy, one node restarted (SIGTERM drain, started again) on a schedule, and the hubs'
# heap, RSS, open file descriptors and the kernel's TCP socket memory sampled every 10 s with the clients' deliveries.
# The report (samples.csv, soak.png, summary.json) says whether every series stayed flat; the exit code is 1 if not.
#
#   bench/soak.sh [--minutes 30] [--connections 10000] [--restart-every 300] [--nodes 2] [--port 8200]
#                 [--redis-port 8290 | --redis URI] [--rate 5] [--churn-per-s N] [--out DIR]
#                 [--publish-png docs/images/soak.png]
#
#   --minutes M          length of the sampled run, after every client is subscribed (default 30)
#   --connections N      clients, spread over the nodes and over the topics (default 10000)
#   --restart-every S    SIGTERM node 0 every S seconds and start it again on the same port (default 300; 0: never)
#   --nodes N            hub nodes (default 2; node 1.. are never restarted: a leak there builds up over the whole run)
#   --port P             first hub port (default 8200; node i listens on P+i)
#   --redis-port P       port of the private redis-server this script starts (default 8290; no persistence)
#   --redis URI          use this Redis instead of a private one
#   --rate R             publish requests a second, each one event on each topic (default 5)
#   --churn-per-s N      connections closed and reopened a second (default: 1% of --connections)
#   --out DIR            logs and the report (default bench/results/<time>-soak)
#   --publish-png FILE   also copy the PNG there (the lead's final run: docs/images/soak.png)
# Any other option goes to `hub-bench soak` as it is (e.g. --warmup S, --restart-settle S, --jitter-ms MS).
# Environment: SERVER_JAVA_OPTS and LOADGEN_JAVA_OPTS are passed to the JVMs. SERVER_JAVA_OPTS defaults to a fixed,
# pre-touched heap (-Xms512m -Xmx512m -XX:+AlwaysPreTouch): left to size itself (a quarter of the machine's memory),
# G1 commits more heap as the load moves onto a node, and RSS then grows with no leak behind it.
#
# Topics (declared through the hub's environment): soaknow (immediate), soakbatch (batch, 100 ms window) and soakconf
# (conflate on the field k, 8 keys). Client i subscribes to the topic i mod 3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HUB_JAR=$ROOT/hub-app/target/realtime-hub.jar
BENCH_JAR=$ROOT/hub-bench/target/hub-bench.jar

die() { echo "soak.sh: $*" >&2; exit 2; }

minutes=30 connections=10000 restart_every=300 nodes=2 port=8200 redis_port=8290 redis="" out="" passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; passthrough+=("$1" "$2"); shift 2 ;;
    --connections) connections=$2; passthrough+=("$1" "$2"); shift 2 ;;
    --restart-every) restart_every=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    --redis) redis=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --publish-png) passthrough+=("$1" "$(realpath -m "$2")"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) passthrough+=("$1"); shift ;;
  esac
done
[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || die "--nodes must be a whole number >= 1, was '$nodes'"
[[ "$restart_every" =~ ^[0-9]+$ ]] || die "--restart-every must be whole seconds >= 0, was '$restart_every'"

if [ ! -f "$BENCH_JAR" ] || [ ! -f "$HUB_JAR" ]; then
  echo "soak.sh: building hub-app and hub-bench" >&2
  mvn -B -q -o package -pl hub-app,hub-bench -am -DskipTests || mvn -B -q package -pl hub-app,hub-bench -am -DskipTests
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}

out=${out:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)-soak}
mkdir -p "$out"
: >"$out/restarts.txt"; : >"$out/restarts-up.txt"
started=()
cleanup() {  # the restarter first, then the nodes (waiting for them), then Redis
  [ -z "${restarter_pid:-}" ] || { pkill -P "$restarter_pid" 2>/dev/null; kill "$restarter_pid" 2>/dev/null || true; wait "$restarter_pid" 2>/dev/null || true; }
  local pids=()
  for ((n = 0; n < nodes; n++)); do [ -f "$out/node-$n.pid" ] && pids+=("$(cat "$out/node-$n.pid")"); done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; done
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# --- Redis: a private one unless --redis names one ---
if [ -z "$redis" ]; then
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    >"$out/redis.log" 2>&1 &
  started+=("$!")
  redis=redis://127.0.0.1:$redis_port
  for _ in $(seq 1 100); do redis-cli -u "$redis" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
redis-cli -u "$redis" ping >/dev/null 2>&1 || die "Redis at $redis does not answer"

# --- hub nodes ---
prefix="soak$(date +%s)-$$:"
start_node() {  # node index; writes node-N.pid
  local n=$1
  # shellcheck disable=SC2086
  env HUB_TOPICS_SOAKNOW_POLICY=immediate HUB_TOPICS_SOAKBATCH_POLICY=batch \
    HUB_TOPICS_SOAKCONF_POLICY=conflate HUB_TOPICS_SOAKCONF_CONFLATE_KEY=k HUB_REDIS_KEY_PREFIX="$prefix" \
    java ${SERVER_JAVA_OPTS:-} -jar "$HUB_JAR" --port $((port + n)) --redis "$redis" --node-id "soak-$n" \
    >>"$out/node-$n.log" 2>&1 &
  echo "$!" >"$out/node-$n.pid"
}
await_healthy() {  # node index
  local n=$1
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$((port + n))/health" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$out/node-$n.pid")" 2>/dev/null || { tail -20 "$out/node-$n.log" >&2; die "node $n exited"; }
    sleep 0.1
  done
  die "node $n is not healthy after 60 s"
}
node_args=()
for ((n = 0; n < nodes; n++)); do
  start_node "$n"
  node_args+=(--node "http://127.0.0.1:$((port + n))" --pid-file "$out/node-$n.pid")
done
for ((n = 0; n < nodes; n++)); do await_healthy "$n"; done

# --- the restarts: node 0, every $restart_every s once the clients are in ---
restarter() {  # restart k at started-at + k * S (on a fixed clock: a slow start does not push the next one back)
  while [ ! -f "$out/started-at" ]; do sleep 0.5; done
  local begin k=1
  begin=$(cat "$out/started-at")
  while :; do
    local wait_ms=$((begin + k * restart_every * 1000 - $(date +%s%3N)))
    k=$((k + 1))
    [ "$wait_ms" -le 0 ] || sleep "$(awk "BEGIN {print $wait_ms / 1000}")"
    local pid
    pid=$(cat "$out/node-0.pid")
    echo "$(date +%s%3N) 0 $pid" >>"$out/restarts.txt"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null && echo "soak.sh: node 0 did not stop within 60 s of SIGTERM; killed" >&2
    echo "soak.sh: node 0 (pid $pid) drained and stopped; starting it again" >&2
    start_node 0
    await_healthy 0
    date +%s%3N >>"$out/restarts-up.txt"
  done
}
if [ "$restart_every" -gt 0 ]; then
  restarter &
  restarter_pid=$!
fi

echo "soak.sh: $nodes node(s) on ports $port.., Redis $redis, $connections clients, $minutes min," \
     "node 0 restarted every ${restart_every} s; output in $out" >&2
rc=0
# shellcheck disable=SC2086
java ${LOADGEN_JAVA_OPTS:-} -jar "$BENCH_JAR" soak "${node_args[@]}" --restarts "$out/restarts.txt" \
  --out "$out" --page-size "$(getconf PAGESIZE 2>/dev/null || echo 4096)" "${passthrough[@]}" \
  2> >(tee "$out/soak.log" >&2) || rc=$?
echo "soak.sh: report in $out (samples.csv, soak.png, summary.json); exit $rc" >&2
exit "$rc"
