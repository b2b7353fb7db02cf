#!/usr/bin/env bash
# Issue 11's read-after value goal on real hardware: a program writes a known sequence 1 ms apart, and at least 90% of the
# values its write hits carry must be the hit's own (the rest are a later write's: the reader came late). Runs the suite's
# test with that goal (HWBP_VALUES_PERCENT, default 90), RUNS times (default 5). Needs breakpoints that fire; a run whose
# test skipped (the machine's breakpoints never fire, or no gcc) counts as not meeting the goal, and the script says why.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/test-runs.sh
runs="${RUNS:-5}"
export HWBP_VALUES_PERCENT="${HWBP_VALUES_PERCENT:-90}"
dotnet build tests/HwbpCluster.Linux.Tests -c Release -nologo -v q >/dev/null
met=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for run in $(seq "$runs"); do
  rc=0
  dotnet test tests/HwbpCluster.Linux.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~HitReaderValueTests.Writes_of_a_known_sequence" \
    --logger "console;verbosity=normal" >"$log" 2>&1 || rc=$?
  if ran_and_passed "$rc" "$log" 1; then
    met=$((met + 1)); echo "== run $run: at least ${HWBP_VALUES_PERCENT}% of values were the hit's own"
  else
    echo "== run $run: goal missed or not measured"; grep -E "values read after|Skipped|\[SKIP\]" -A1 "$log" | head -4 || true
  fi
done
echo "$met of $runs runs at or above ${HWBP_VALUES_PERCENT}%"
[ "$met" -eq "$runs" ]
