#!/usr/bin/env bash
# The long fuzzing run of realtime-hub (bench/run.sh fuzz): every fuzz target of hub-server, coverage-guided by Jazzer
# (JAZZER_FUZZ=1, one target per JVM, as Jazzer's JUnit integration requires), then the mutational short runs of the
# default build with many more tries. Findings land in the targets' corpus directories
# (hub-server/src/test/resources/dev/realtimehub/server/**/<Class>Inputs/<method>/crash-*) and target/fuzz-findings/:
# commit them as regression tests with the fix.
#
#   bench/run.sh fuzz [--tries 20000] [--only package.Class#method]
#
# Each target fuzzes for the maxDuration of its @FuzzTest (5 minutes): about 45 minutes for all eight.
#
# The default build replays each corpus (Jazzer's regression mode) and runs 200 mutants per target (-Dfuzz.tries).
set -euo pipefail
cd "$(dirname "$0")/.."
tries=20000 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --tries) tries=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "fuzz.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
targets=(
  security.WebSocketFrameFuzzTest#wellFramed security.WebSocketFrameFuzzTest#rawBytes
  security.ProtocolFrameFuzzTest#textFrame
  security.HttpBodyFuzzTest#publishBody security.HttpBodyFuzzTest#eventsBody security.HttpBodyFuzzTest#sseCommandBody
  config.ConfigFuzzTest#yamlFile config.ConfigFuzzTest#variablesAndOverrides
)
[ -z "$only" ] || targets=("$only")
# Jazzer's sanitizers report the tests' own connections to the hub on 127.0.0.1 as server-side request forgery
sanitizers=com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery
mvn_test() { mvn -B -o -q -pl hub-server -am test -Dsurefire.failIfNoSpecifiedTests=false "$@"; }
failed=0
for target in "${targets[@]}"; do
  echo "fuzz.sh: Jazzer on ${target#*.} (5 minutes)" >&2
  JAZZER_FUZZ=1 mvn_test -Dtest="dev.realtimehub.server.$target" -Djazzer.hooks=true \
    -Djazzer.disabled_hooks="$sanitizers" \
    || { echo "fuzz.sh: FINDING in $target (see its corpus directory for crash-*)" >&2; failed=1; }
done
if [ -z "$only" ]; then
  echo "fuzz.sh: mutational runs, $tries tries per target" >&2
  mvn_test -Dtest='*FuzzTest#*ShortRun' -Dfuzz.tries="$tries" -Dfuzz.seed="${FUZZ_SEED:-$(date +%s%N)}" || failed=1
fi
exit $failed
