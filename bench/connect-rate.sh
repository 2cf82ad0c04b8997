#!/usr/bin/env bash
# How fast one server sets up WebSocket connections, on a fresh JVM and once warm: starts the hub (or the ceiling)
# pinned to core 0, then connects the same number of idle subscribed clients several rounds in a row from one load
# generator process pinned to core 1 (each round's process exits, so its connections close, before the next one
# starts). Per round it prints the load generator's connect time (first connect to last subscription answered), the
# rate, and the server's CPU over the round per connection set up (from /proc/<pid>/stat, the load generator's JVM
# start included, when the server is idle).
#
#   bench/connect-rate.sh                       the hub, 9,500 connections, 4 rounds
#   bench/connect-rate.sh --target ceiling --connections 9500 --rounds 4
#
# Options: --target hub|ceiling  --connections N (one process: at most ~19,000 here)  --rounds K  --port P
#          --connect-concurrency N (handshakes in flight, the load generator's default 256)
# Environment: SERVER_JAVA_OPTS and LOADGEN_JAVA_OPTS are passed to the JVMs. Output: one line per round, and the
# files in bench/results/<time>-connect-rate-<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HUB_JAR=$ROOT/hub-app/target/realtime-hub.jar
BENCH_JAR=$ROOT/hub-bench/target/hub-bench.jar
die() { echo "connect-rate.sh: $*" >&2; exit 2; }

target=hub connections=9500 rounds=4 port=8300 concurrency=256
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --connect-concurrency) concurrency=$2; shift 2 ;;
    *) die "unknown option '$1' (--target --connections --rounds --port --connect-concurrency)" ;;
  esac
done
case "$target" in hub|ceiling) ;; *) die "--target must be hub or ceiling, not '$target'" ;; esac
[[ "$connections" =~ ^[1-9][0-9]*$ ]] || die "--connections must be a number ≥ 1, not '$connections'"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a number ≥ 1, not '$rounds'"
if [ ! -f "$BENCH_JAR" ] || [ ! -f "$HUB_JAR" ]; then
  mvn -B -q -o package -pl hub-app,hub-bench -am -DskipTests || mvn -B -q package -pl hub-app,hub-bench -am -DskipTests
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
out=$ROOT/bench/results/$(date +%Y%m%d-%H%M%S)-connect-rate-$target
mkdir -p "$out"
pin_server=(); pin_loadgen=()
if command -v taskset >/dev/null; then pin_server=(taskset -c 0); pin_loadgen=(taskset -c 1); fi

if [ "$target" = ceiling ]; then
  # shellcheck disable=SC2086
  "${pin_server[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$BENCH_JAR" ceiling --port "$port" >"$out/server.log" 2>&1 &
else
  # shellcheck disable=SC2086
  env HUB_TOPICS_BENCH_POLICY=immediate "${pin_server[@]}" java ${SERVER_JAVA_OPTS:-} -jar "$HUB_JAR" --port "$port" \
    >"$out/server.log" 2>&1 &
fi
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$out/server.log" >&2; die "the server exited"; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/health" >/dev/null || die "the server is not healthy after 60 s"
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
open_files() { find "/proc/$server/fd" -mindepth 1 -maxdepth 1 | wc -l; }
idle_files=$(open_files)
settled() {  # until the server has closed the last round's connections (its open files back near the idle count)
  for _ in $(seq 1 300); do [ "$(open_files)" -le $((idle_files + 50)) ] && return 0; sleep 0.1; done
  die "the server still holds $(($(open_files) - idle_files)) more files than idle 30 s after a round"
}

echo "connect-rate.sh: $target, $connections connections a round, $rounds rounds; output in $out" >&2
for round in $(seq 1 "$rounds"); do
  settled
  before=$(ticks)
  # shellcheck disable=SC2086
  "${pin_loadgen[@]}" java ${LOADGEN_JAVA_OPTS:-} -jar "$BENCH_JAR" loadgen --target "$target" --rate 0 \
    --warmup 0 --duration 1 --drain 1 --topic bench --event-type bench --reconnect-jitter-ms -1 \
    --connect-concurrency "$concurrency" -c "$connections" --url "ws://127.0.0.1:$port/api/ws/realtime" \
    --publish-url "http://127.0.0.1:$port/api/publish" --server-pid "$server" \
    >"$out/loadgen-$round.json" 2>"$out/loadgen-$round.log" || die "round $round: the load generator failed: $(tail -3 "$out/loadgen-$round.log")"
  after=$(ticks)
  python3 - "$out/loadgen-$round.json" "$round" "$connections" "$((after - before))" "$hz" <<'EOF'
import json, sys
path, round_, connections, ticks, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
report = json.loads([line for line in open(path) if line.strip()][-1])
seconds = report["connect_seconds"]
print(f"round {round_}: {connections} connected and subscribed in {seconds:.2f} s ({connections / seconds:,.0f}/s),"
      f" {report['connect_failures']} failed; server CPU {1e6 * ticks / hz / connections:,.0f} µs per connection")
EOF
done
