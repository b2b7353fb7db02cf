#!/usr/bin/env bash
# Issue 13's dashboard goals in headless chromium: 100 hosts of 8 CPUs drawn within 1 s of a load, and a change on the
# page within 1 s under 100 reservations a second. Runs the dashboard's browser tests with the goal as their bound
# (HWBP_DASHBOARD_BOUND_MS, default 1000) and prints their figures. Needs a quiet machine: a frame waits for CPU time that
# other work holds, so the figure is only the page's own on two cores nobody else uses. RUNS (default 3) runs in a row.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib/test-runs.sh
runs="${RUNS:-3}"
# Without chromium the tests skip; a skipped run measures nothing, so it must not count as one within the bound.
[ -x /usr/bin/chromium ] || { echo "needs Debian's chromium: apt-get install chromium (scripts/test.sh installs it as root)" >&2; exit 2; }
export HWBP_DASHBOARD_BOUND_MS="${HWBP_DASHBOARD_BOUND_MS:-1000}"
dotnet build tests/HwbpCluster.Dashboard.Tests -c Release -nologo -v q >/dev/null
failed=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for run in $(seq "$runs"); do
  echo "== run $run of $runs, load average $(cut -d' ' -f1 /proc/loadavg), bound ${HWBP_DASHBOARD_BOUND_MS} ms"
  rc=0
  dotnet test tests/HwbpCluster.Dashboard.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~DashboardPerformanceTests|FullyQualifiedName~DashboardPageTests.A_reservation_made" \
    --logger "console;verbosity=detailed" >"$log" 2>&1 || rc=$?
  grep -v "^\[xUnit" "$log" | grep -E "load average|first page|next page|read -> drawn|change -> page|reserve -> shown|took|Passed!|Failed!" || true
  # Both tests must have run and passed: a skip (no browser, no node) is a failed run, not a fast one.
  if ! ran_and_passed "$rc" "$log" 2; then
    failed=$((failed + 1))
  fi
done
echo "$((runs - failed)) of $runs runs within ${HWBP_DASHBOARD_BOUND_MS} ms"
[ "$failed" -eq 0 ]
