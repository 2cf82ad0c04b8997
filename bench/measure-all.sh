#!/usr/bin/env bash
# Measures every table of docs/BENCHMARKS.md on a quiet machine: each scenario as medians of 3 runs, hub and ceiling
# interleaved (ceiling 1, hub 1, ceiling 2, hub 2, …), with the hub at its default settings, then prints the rows
# (Markdown) with the hub ÷ ceiling ratios. Every run's files stay in bench/results/measure-<time>/.
#
#   bench/measure-all.sh                 everything (the estimate is printed first; about 25 minutes)
#   bench/measure-all.sh --only fanout-500,idle
#   bench/measure-all.sh --only fanout-50,channels-10k,filters-100,flat-50k    the channels and filters table
#   bench/measure-all.sh --dry-run       print the plan and the time estimate only
#   bench/measure-all.sh --runs 1 --only fanout-1k    a smoke check of the script (not figures for the doc)
#   bench/measure-all.sh --tcp-mem "575814 767758 1151628"   every run with this net.ipv4.tcp_mem (run.sh --tcp-mem)
#
# Needs python3 (to take the medians) and, for the reconnect storm, Redis on 127.0.0.1:6379.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
only="" dry=0 port=8100 RUNS=3 tcp_mem=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --port) port=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --tcp-mem) tcp_mem=$2; shift 2 ;;
    *) echo "measure-all.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
command -v python3 >/dev/null || { echo "measure-all.sh: python3 is needed for the medians" >&2; exit 2; }

# scenario | targets | run.sh arguments | estimated seconds per run (JVM starts, connecting, warm-up, window, drain)
PLAN=(
  "fanout-500|ceiling hub|fanout-500 --warmup 3 --duration 8|55"
  "fanout-50|ceiling hub|fanout-50 --warmup 3 --duration 8|35"
  "fanout-1k|ceiling hub|fanout-1k --warmup 3 --duration 8|22"
  "idle|ceiling hub|idle --duration 8|35"
  "logs-batch|hub|logs-batch --warmup 3 --duration 8|25"
  "reconnect-storm|hub|reconnect-storm --warmup 3 --duration 15|60"
  "channels-10k|hub|channels-10k --warmup 3 --duration 8|40"
  "filters-100|hub|filters-100 --warmup 3 --duration 8|40"
  "flat-50k|hub|custom --connections 10000 --rate 5 --warmup 3 --duration 8|35"
)

selected() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }
total=0
echo "measure-all.sh: plan ($RUNS runs of each target, interleaved):" >&2
for entry in "${PLAN[@]}"; do
  IFS='|' read -r name targets args secs <<<"$entry"
  selected "$name" || continue
  n=$(wc -w <<<"$targets")
  total=$((total + RUNS * n * secs))
  echo "  $name: targets $targets, bench/run.sh $args [--target T]; ~$((RUNS * n * secs)) s" >&2
done
echo "measure-all.sh: estimated total $((total / 60)) min $((total % 60)) s" >&2
[ "$dry" = 0 ] || exit 0

mvn -B -q -o -DskipTests package -pl hub-app,hub-bench -am || mvn -B -q -DskipTests package -pl hub-app,hub-bench -am
base=$ROOT/bench/results/measure-$(date +%Y%m%d-%H%M%S)
mkdir -p "$base"
started=$(date +%s)
for entry in "${PLAN[@]}"; do
  IFS='|' read -r name targets args secs <<<"$entry"
  selected "$name" || continue
  for ((r = 1; r <= RUNS; r++)); do
    for t in $targets; do
      target_args=(--target "$t")
      # the storm's hub keeps its history in Redis (run.sh's redis target with one node)
      [ "$name" = reconnect-storm ] && target_args=()
      [ -z "$tcp_mem" ] || target_args+=(--tcp-mem "$tcp_mem")
      echo "measure-all.sh: $name $t run $r ($(( $(date +%s) - started )) s elapsed)" >&2
      # shellcheck disable=SC2086
      if ! bench/run.sh $args "${target_args[@]}" --port "$port" --out "$base/$name-$t-$r" \
          >"$base/$name-$t-$r.out" 2>"$base/$name-$t-$r.err"; then
        echo "measure-all.sh: $name $t run $r FAILED (see $base/$name-$t-$r.err)" >&2
      fi
    done
  done
done
echo "measure-all.sh: done in $(( $(date +%s) - started )) s; results in $base" >&2
python3 "$ROOT/bench/medians.py" "$base"
