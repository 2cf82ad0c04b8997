#!/usr/bin/env bash
# Runs one benchmark scenario of realtime-hub on this machine: starts the server (the hub, the raw-Netty ceiling, or
# three hub nodes over Redis) pinned to one core, the load generator processes pinned to the other, waits for their
# JSON report lines, prints them and one merged summary line. See bench/scenarios.md for every scenario.
#
#   bench/run.sh SCENARIO [options]          e.g. bench/run.sh fanout-50 --target ceiling
#   bench/run.sh custom --connections 2000 --rate 100 --payload 200 --warmup 5 --duration 20
#
# Options (each overrides the scenario's value):
#   --target hub|ceiling|redis   what serves the connections (redis: --nodes hub nodes sharing one Redis)
#   --connections N --rate R --payload B --warmup S --duration S --topic T --event-type Y
#   --publish-batch K            most events per publish request (default 1: one event per request)
#   --channels N                 connection i subscribes to the channel <topic>:c<i mod N> (zero-padded), the events
#                                go round-robin over the N channels; the hub gets HUB_TOPICS_<TOPIC>_CHANNELS=true
#   --filters N                  connection i subscribes to <topic> with the filter {"f":["v<i mod N>"]}, the events
#                                carry f round-robin over v0..v(N-1); not with --channels; neither with --target ceiling
#   --max-in-flight N            most publish requests in flight, one connection each (default 256)
#   --rcvbuf B                   SO_RCVBUF of every load connection (default 131072; 0: kernel autotuning)
#   --tcp-mem "L P H"            net.ipv4.tcp_mem (pages) for the run, restored afterwards (root): the load generator's
#                                receive buffers share the server's kernel, so 10,000 readers can push a machine past
#                                the pressure mark that one server's own sockets never reach (see docs/BENCHMARKS.md);
#                                the value in effect goes in the summary's kernel.tcp_mem_bytes either way
#   --per-process N              most connections per loadgen process (default 19000; the sandbox allows ~20,000
#                                open files per process)
#   --heap-sample S              sample the (first) server's heap with jstat every S seconds
#   --hub-env "K=V K=V"          extra environment for the hub (e.g. HUB_TOPICS_LOGS_BATCH_MAX_ITEMS=500)
#   --ceiling-args "..."         extra options of the ceiling (--max-hold-ms, --hold-above, --sndbuf, --unsent)
#   --nodes N --redis URI        Redis mode (default 3 nodes, redis://127.0.0.1:6379)
#   --port P                     first server port (default 8100)
#   --server-cpu C --loadgen-cpu C   cores for taskset (default 0 and 1); --no-pin runs unpinned
#   --out DIR                    where logs and reports go (default bench/results/<time>-<scenario>-<target>)
#   --storm-at S                 reconnect storm: S s into the measured window, SIGTERM the (first) hub (it drains:
#                                clients get 1001), start it again on the same port; clients come back after a
#                                random 0..--jitter-ms (default 5000) and resubscribe with since/epoch
#   --storm-handover             with --storm-at: the hubs bind with reuse-port (SO_REUSEPORT), and the new hub is
#                                started beside the old one (node id bench-0b) and listening before the old one gets
#                                SIGTERM: a restart that hands the port over instead of leaving it closed
# The hub runs with its default settings (only the topic is declared) unless --hub-env says otherwise.
# Before and after the run, `nstat -asz` is recorded (the deltas of TCP drops, retransmits and memory pressure go in
# the summary's "kernel"), and /proc/net/sockstat is sampled every 0.2 s for the peak TCP memory.
# Environment: SERVER_JAVA_OPTS and LOADGEN_JAVA_OPTS are passed to the JVMs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HUB_JAR=$ROOT/hub-app/target/realtime-hub.jar
BENCH_JAR=$ROOT/hub-bench/target/hub-bench.jar

die() { echo "run.sh: $*" >&2; exit 2; }

scenario=${1:-}
[ -n "$scenario" ] || die "usage: bench/run.sh SCENARIO [options] (scenarios: smoke fanout-50 fanout-500 fanout-1k idle logs-batch heap-5min redis-3 reconnect-storm channels-10k filters-100 custom fuzz chaos soak)"
shift
# the long fuzzing run is a test run, not a load scenario: bench/fuzz.sh says how
[ "$scenario" != fuzz ] || exec "$ROOT/bench/fuzz.sh" "$@"
# the chaos scenario starts its own nodes, Redis and proxies: hub-bench chaos --help lists its options
# (--duration S --nodes N --clients N --rate R --burst N --churn N --base-port P --out DIR)
if [ "$scenario" = chaos ]; then
  [ -f "$BENCH_JAR" ] && [ -f "$HUB_JAR" ] || mvn -B -q -o package -pl hub-app,hub-bench -am -DskipTests \
    || mvn -B -q package -pl hub-app,hub-bench -am -DskipTests
  exec java ${LOADGEN_JAVA_OPTS:-} -jar "$BENCH_JAR" chaos --hub-jar "$HUB_JAR" "$@"
fi
# the soak run has its own driver (nodes over a private Redis, restarts, sampling): bench/soak.sh says how
[ "$scenario" != soak ] || exec "$ROOT/bench/soak.sh" "$@"

# defaults, then the scenario, then the options
target=hub connections=200 rate=100 payload=200 warmup=2 duration=5 publish_batch=1 topic=bench event_type=bench
max_in_flight=256 rcvbuf=131072 tcp_mem=""
per_process=19000 heap_sample=0 hub_env="" ceiling_args="" nodes=3 redis=redis://127.0.0.1:6379 port=8100
server_cpu=0 loadgen_cpu=1 pin=1 out="" drain=10 storm_at=-1 jitter_ms=5000 channels="" filters="" storm_handover=0
case "$scenario" in
  smoke)      ;;
  fanout-50)  connections=10000 rate=50 warmup=10 duration=30 ;;
  fanout-500) connections=10000 rate=500 warmup=10 duration=30 ;;
  fanout-1k)  connections=1000 rate=100 warmup=10 duration=30 ;;
  idle)       connections=19500 rate=0 warmup=8 duration=30 ;;
  logs-batch) connections=1000 rate=2000 warmup=10 duration=30 topic=logs event_type=log
              hub_env="HUB_TOPICS_LOGS_BATCH_MAX_ITEMS=500" ;;
  heap-5min)  connections=10000 rate=50 warmup=10 duration=300 heap_sample=10 ;;
  redis-3)    target=redis connections=18000 rate=50 warmup=10 duration=30 nodes=3 ;;
  reconnect-storm)  # one hub with its history in Redis (it survives the restart), drained and started again
              target=redis nodes=1 connections=19500 rate=50 warmup=3 duration=25 storm_at=5 drain=30 ;;
  channels-10k)  # one subscriber per channel: each event is one delivery; compare with fanout-50 (bench/scenarios.md)
              connections=10000 channels=10000 rate=2000 warmup=10 duration=30 ;;
  filters-100)   # one topic, 100 filter values: each event goes to 100 subscribers
              connections=10000 filters=100 rate=500 warmup=10 duration=30 ;;
  custom)     ;;
  *) die "unknown scenario '$scenario'" ;;
esac
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --payload) payload=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --publish-batch) publish_batch=$2; shift 2 ;;
    --channels) channels=$2; shift 2 ;;
    --filters) filters=$2; shift 2 ;;
    --max-in-flight) max_in_flight=$2; shift 2 ;;
    --rcvbuf) rcvbuf=$2; shift 2 ;;
    --tcp-mem) tcp_mem=$2; shift 2 ;;
    --topic) topic=$2; shift 2 ;;
    --event-type) event_type=$2; shift 2 ;;
    --per-process) per_process=$2; shift 2 ;;
    --heap-sample) heap_sample=$2; shift 2 ;;
    --hub-env) hub_env="$hub_env $2"; shift 2 ;;
    --ceiling-args) ceiling_args="$ceiling_args $2"; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --redis) redis=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --server-cpu) server_cpu=$2; shift 2 ;;
    --loadgen-cpu) loadgen_cpu=$2; shift 2 ;;
    --no-pin) pin=0; shift ;;
    --out) out=$2; shift 2 ;;
    --storm-at) storm_at=$2; shift 2 ;;
    --jitter-ms) jitter_ms=$2; shift 2 ;;
    --storm-handover) storm_handover=1; shift ;;
    *) die "unknown option '$1'" ;;
  esac
done
case "$target" in hub|ceiling) nodes=1 ;; redis) ;; *) die "--target must be hub, ceiling or redis" ;; esac
[ -z "$channels" ] || [[ "$channels" =~ ^[1-9][0-9]*$ ]] || die "--channels must be a number of channels ≥ 1, not '$channels'"
[ -z "$filters" ] || [[ "$filters" =~ ^[1-9][0-9]*$ ]] || die "--filters must be a number of filter values ≥ 1, not '$filters'"
[ -z "$channels" ] || [ -z "$filters" ] || die "--channels and --filters: give one of them, not both"
if [ -n "$channels$filters" ] && [ "$target" = ceiling ]; then
  die "--target ceiling does not support --channels or --filters (no channel namespaces, no filters): compare a" \
    "channels or filters run with the flat topic on the hub instead (fanout-50, or custom with the same --rate)"
fi
audience_args=()
if [ -n "$channels" ]; then
  audience_args=(--channels "$channels")
  # the topic is a namespace: <topic>:c0.. are its channels (topics.<topic>.channels)
  hub_env="HUB_TOPICS_$(echo "$topic" | tr '[:lower:]' '[:upper:]')_CHANNELS=true $hub_env"
elif [ -n "$filters" ]; then
  audience_args=(--filters "$filters")
fi
if [ "$storm_handover" = 1 ]; then
  [ "$storm_at" -ge 0 ] || die "--storm-handover needs a storm (--storm-at, or the reconnect-storm scenario)"
  [ "$target" != ceiling ] || die "--storm-handover: the ceiling has no reuse-port"
  hub_env="HUB_REUSE_PORT=true $hub_env"
fi

# jars: build what is missing (never 'mvn install'; the reactor builds the modules they need)
if [ ! -f "$BENCH_JAR" ] || { [ "$target" != ceiling ] && [ ! -f "$HUB_JAR" ]; }; then
  echo "run.sh: building hub-app and hub-bench" >&2
  mvn -B -q -o package -pl hub-app,hub-bench -am -DskipTests || mvn -B -q package -pl hub-app,hub-bench -am -DskipTests
fi

# as many open files as allowed: a process holds one per connection
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
max_files=$(ulimit -n)
if [[ "$max_files" =~ ^[0-9]+$ ]] && [ "$per_process" -ge "$max_files" ]; then per_process=$((max_files - 500)); fi

out=${out:-$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)-$scenario-$target}
mkdir -p "$out"
pin_server=(); pin_loadgen=()
if [ "$pin" = 1 ] && command -v taskset >/dev/null; then
  pin_server=(taskset -c "$server_cpu"); pin_loadgen=(taskset -c "$loadgen_cpu")
fi

started=()
# --- kernel counters: nstat before and after (absolute values, -s: the shared history file is left alone), sockstat
# sampled during the run for its peak TCP memory ---
kernel_counters() { nstat -asz 2>/dev/null || echo "# nstat unavailable"; }
sockstat_sampler() { while :; do grep '^TCP:' /proc/net/sockstat 2>/dev/null; sleep 0.2; done; }
tcp_mem_before=$(cat /proc/sys/net/ipv4/tcp_mem 2>/dev/null || echo "")
cleanup() {
  [ -f "$out/server-restarted.pid" ] && started+=("$(cat "$out/server-restarted.pid")")
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${started[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$tcp_mem" ] && [ -n "$tcp_mem_before" ]; then echo "$tcp_mem_before" >/proc/sys/net/ipv4/tcp_mem || true; fi
}
trap cleanup EXIT
if [ -n "$tcp_mem" ]; then
  [[ "$tcp_mem" =~ ^[0-9]+[[:space:]]+[0-9]+[[:space:]]+[0-9]+$ ]] || die "--tcp-mem: expected three numbers of pages, e.g. \"575814 767758 1151628\", but was '$tcp_mem'"
  echo "$tcp_mem" >/proc/sys/net/ipv4/tcp_mem 2>/dev/null || die "--tcp-mem: cannot write /proc/sys/net/ipv4/tcp_mem (root needed)"
  echo "run.sh: net.ipv4.tcp_mem $tcp_mem for this run (was $tcp_mem_before)" >&2
fi

# --- servers ---
server_pids=(); server_ports=()
prefix="bench$(date +%s)-$$:"
if [ "$target" = redis ] && ! redis-cli -u "$redis" ping >/dev/null 2>&1; then
  die "Redis at $redis does not answer (start it, e.g. redis-server --daemonize yes --save '' --appendonly no)"
fi
start_server() {  # node index, log file[, node id]; the server runs in the background ($! is its pid)
  local n=$1 log=$2 p=$((port + $1)) id=${3:-bench-$1}
  if [ "$target" = ceiling ]; then
    # shellcheck disable=SC2086
    "${pin_server[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$BENCH_JAR" ceiling --port "$p" $ceiling_args >"$log" 2>&1 &
  else
    redis_args=()
    [ "$target" = redis ] && redis_args=(--redis "$redis" --node-id "$id")
    # shellcheck disable=SC2086
    env HUB_TOPICS_BENCH_POLICY=immediate HUB_REDIS_KEY_PREFIX="$prefix" $hub_env \
      "${pin_server[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$HUB_JAR" --port "$p" "${redis_args[@]}" \
      >"$log" 2>&1 &
  fi
}
for ((n = 0; n < nodes; n++)); do
  start_server "$n" "$out/server-$n.log"
  server_pids+=("$!"); server_ports+=("$((port + n))"); started+=("$!")
done
for ((n = 0; n < nodes; n++)); do
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:${server_ports[$n]}/health" >/dev/null 2>&1 && break
    kill -0 "${server_pids[$n]}" 2>/dev/null || { cat "$out/server-$n.log" >&2; die "server $n exited"; }
    sleep 0.2
  done
  curl -sf "http://127.0.0.1:${server_ports[$n]}/health" >/dev/null || die "server $n is not healthy after 60 s"
done
rss_before=0
for pid in "${server_pids[@]}"; do
  rss_before=$((rss_before + $(awk '/^VmRSS:/ {print $2 * 1024}' "/proc/$pid/status")))
done
pid_list=$(IFS=,; echo "${server_pids[*]}")

# --- load generators: process 0 publishes and starts last, the others only hold connections ---
processes=$(( (connections + per_process - 1) / per_process ))
[ "$processes" -ge "$nodes" ] || processes=$nodes
[ "$processes" -ge 1 ] || processes=1
common=(--target "$target" --rate "$rate" --payload "$payload" --warmup "$warmup" --duration "$duration"
        --drain "$drain" --publish-batch "$publish_batch" --max-in-flight "$max_in_flight" --rcvbuf "$rcvbuf"
        --topic "$topic" --event-type "$event_type" --acked-file "$out/acked" "${audience_args[@]}"
        --reconnect-jitter-ms "$([ "$storm_at" -ge 0 ] && echo "$jitter_ms" || echo -1)"
        --publish-url "http://127.0.0.1:${server_ports[0]}/api/publish")
loadgen() {  # index, connections, extra args...
  local i=$1 c=$2; shift 2
  local node=$((i % nodes))
  # shellcheck disable=SC2086
  "${pin_loadgen[@]}" java ${LOADGEN_JAVA_OPTS:-} -jar "$BENCH_JAR" loadgen "${common[@]}" -c "$c" \
    --url "ws://127.0.0.1:${server_ports[$node]}/api/ws/realtime" --source-offset $((i * 20)) \
    --index-offset "$(first_index "$i")" \
    --ready-file "$out/ready-$i" "$@" >"$out/loadgen-$i.json" 2>"$out/loadgen-$i.log" &
  started+=("$!"); loadgen_pids[$i]=$!
}
share() { echo $(( connections / processes + ($1 < connections % processes ? 1 : 0) )); }
# the run-wide index of process i's first connection (the shares of the processes before it): --channels and
# --filters assign channels and filter values by it, so every process gets distinct ones
first_index() { echo $(( $1 * (connections / processes) + ($1 < connections % processes ? $1 : connections % processes) )); }
await_ready() {  # index
  for _ in $(seq 1 6000); do
    [ -f "$out/ready-$1" ] && return 0
    kill -0 "${loadgen_pids[$1]}" 2>/dev/null || { cat "$out/loadgen-$1.log" >&2; die "loadgen $1 exited before it was ready"; }
    sleep 0.1
  done
  die "loadgen $1 not ready after 600 s"
}
declare -a loadgen_pids
echo "run.sh: $scenario on $target: $connections connections in $processes process(es), rate $rate/s," \
     "payload $payload B, warm-up $warmup s, measured $duration s${audience_args[*]:+, ${audience_args[*]}};" \
     "output in $out" >&2
kernel_counters >"$out/nstat-before.txt"
sockstat_sampler >"$out/sockstat.txt" &
started+=("$!")
t_start=$(date +%s.%N)
for ((i = 1; i < processes; i++)); do
  loadgen "$i" "$(share "$i")" --no-publish --stop-file "$out/stop" --server-pid "$pid_list"
done
heap_args=()
[ "$heap_sample" = 0 ] || heap_args=(--heap-sample "$heap_sample")
if [ "$rate" = 0 ]; then
  # idle: no event must wait for anyone, so every process connects at once (the connection-rate figure); process 0
  # starts its window $warmup s after its own last subscription, which must come after everyone else's
  loadgen 0 "$(share 0)" --server-pid "$pid_list" "${heap_args[@]}"
  for ((i = 0; i < processes; i++)); do await_ready "$i"; done
  t_ready=$(date +%s.%N)
  late=$(awk "BEGIN {print ($t_ready - $(date -r "$out/ready-0" +%s.%N) > $warmup) ? 1 : 0}")
  [ "$late" = 0 ] || echo "run.sh: WARNING: processes were still connecting when process 0's window began;" \
    "raise --warmup" >&2
else
  # the holders first: every connection is subscribed before the publisher's first event
  for ((i = 1; i < processes; i++)); do await_ready "$i"; done
  loadgen 0 "$(share 0)" --server-pid "$pid_list" "${heap_args[@]}"
  await_ready 0
  t_ready=$(date +%s.%N)
fi
# --- the reconnect storm: drain the first server and start it again; sample its CPU all along ---
cpu_sampler() {  # prints the server's CPU % over every 0.5 s, following the pid in $out/server.pid
  local hz last_pid="" last_ticks=0 last_t=0 pid ticks t
  hz=$(getconf CLK_TCK)
  while :; do
    pid=$(cat "$out/server.pid" 2>/dev/null || true)
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo "")
    t=$(date +%s.%N)
    if [ -n "$ticks" ] && [ "$pid" = "$last_pid" ]; then
      awk "BEGIN {printf \"%.1f\\n\", 100 * ($ticks - $last_ticks) / $hz / ($t - $last_t)}"
    fi
    last_pid=$pid last_ticks=${ticks:-0} last_t=$t
    sleep 0.5
  done
}
storm_handover() {  # the new hub first, listening beside the old one; then the old one drains
  sleep "$(awk "BEGIN {print $warmup + $storm_at}")"
  start_server 0 "$out/server-0-restarted.log" bench-0b
  echo "$!" >"$out/server-restarted.pid"
  for _ in $(seq 1 600); do
    grep -q "listening on" "$out/server-0-restarted.log" 2>/dev/null && break
    sleep 0.05
  done
  date +%s.%N >"$out/storm-up-at"
  cp "$out/server-restarted.pid" "$out/server.pid"  # the CPU sampled is the new hub's, which the clients come back to
  date +%s.%N >"$out/storm-drain-at"
  kill -TERM "${server_pids[0]}"
  while kill -0 "${server_pids[0]}" 2>/dev/null; do sleep 0.05; done
  date +%s.%N >"$out/storm-stopped-at"
}
storm() {
  sleep "$(awk "BEGIN {print $warmup + $storm_at}")"
  date +%s.%N >"$out/storm-drain-at"
  kill -TERM "${server_pids[0]}"
  while kill -0 "${server_pids[0]}" 2>/dev/null; do sleep 0.05; done
  date +%s.%N >"$out/storm-stopped-at"
  start_server 0 "$out/server-0-restarted.log"
  echo "$!" >"$out/server-restarted.pid"; echo "$!" >"$out/server.pid"
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:${server_ports[0]}/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  date +%s.%N >"$out/storm-up-at"
}
if [ "$storm_at" -ge 0 ]; then
  echo "${server_pids[0]}" >"$out/server.pid"
  cpu_sampler >"$out/server-cpu.txt" &
  started+=("$!")
  if [ "$storm_handover" = 1 ]; then storm_handover & else storm & fi
  started+=("$!")
fi
echo "run.sh: all $connections connections established and subscribed after" \
     "$(awk "BEGIN {printf \"%.2f\", $t_ready - $t_start}") s (loadgen JVM start included)" >&2
wait "${loadgen_pids[0]}" || die "the publishing loadgen failed: $(cat "$out/loadgen-0.log")"
touch "$out/stop"
for ((i = 1; i < processes; i++)); do wait "${loadgen_pids[$i]}" || echo "run.sh: loadgen $i failed" >&2; done
kernel_counters >"$out/nstat-after.txt"
if [ "$target" != ceiling ]; then  # the hub's own account of what it held, refused, degraded and closed
  for p in "${server_ports[@]}"; do
    if curl -s -m 10 "http://127.0.0.1:$p/metrics" >"$out/metrics-$p.txt"; then
      grep -E '^hub_(slow_consumers|publish_holds|publish_refused)' "$out/metrics-$p.txt" | sed "s/^/run.sh: :$p /" >&2 || true
    fi
  done
fi

# --- reports ---
for ((i = 0; i < processes; i++)); do
  sed -E 's/,"histogram":"[^"]*"//' "$out/loadgen-$i.json"
done
storm_args=()
if [ "$storm_at" -ge 0 ]; then
  storm_args=(--server-cpu-peak "$(sort -n "$out/server-cpu.txt" | tail -1)")
  echo "run.sh: reconnect storm: drain at $(cat "$out/storm-drain-at" 2>/dev/null), hub stopped" \
       "$(awk "BEGIN {printf \"%.2f\", $(cat "$out/storm-stopped-at") - $(cat "$out/storm-drain-at")}") s later," \
       "healthy again $(awk "BEGIN {printf \"%.2f\", $(cat "$out/storm-up-at") - $(cat "$out/storm-drain-at")}") s" \
       "after the drain began" >&2
fi
java -jar "$BENCH_JAR" merge "${storm_args[@]}" --connect-wall-seconds "$(awk "BEGIN {printf \"%.3f\", $t_ready - $t_start}")" \
  --server-rss-before "$rss_before" --nstat-before "$out/nstat-before.txt" --nstat-after "$out/nstat-after.txt" \
  --sockstat "$out/sockstat.txt" --page-size "$(getconf PAGESIZE 2>/dev/null || echo 4096)" \
  --tcp-mem "$(cat /proc/sys/net/ipv4/tcp_mem 2>/dev/null || echo "")" \
  "$out"/loadgen-*.json | tee "$out/summary.json"
