#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs the real peers the tests talk to
# (python3-grpcio for gRPC interop, linux-perf to cross-check real hardware breakpoint hits, chromium for the dashboard),
# builds with warnings as errors, runs every test project, and ends with one line of totals.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || need+=(python3-grpcio python3-protobuf)
command -v perf >/dev/null 2>&1 || need+=(linux-perf)
[ -x /usr/bin/chromium ] || need+=(chromium)   # the dashboard's browser tests (Playwright drives Debian's chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "installing test peers: ${need[*]}"
    # A fresh machine has no package lists yet: update once, then install.
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/tmp/hwbp-apt.log 2>&1 \
      || { echo "apt-get failed (see /tmp/hwbp-apt.log); tests that need ${need[*]} will say so and skip"; }
  else
    echo "not root: cannot install ${need[*]}; tests that need them will say so and skip"
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build HwbpCluster.sln -c Release -warnaserror -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
results=$(mktemp -d)
# One test assembly at a time (-m:1): the cluster tests time failure detection, which parallel assemblies on two cores starve.
# A test that hangs is ended after 10 minutes (the longest test takes about 2) and fails its assembly, naming it, instead
# of eating the CI's whole time budget without a word.
dotnet test HwbpCluster.sln -c Release --no-build --nologo -v q -m:1 --logger trx --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ...".
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
# The failing tests' names and messages, then the totals line last.
shopt -s nullglob
trx=("$results"/*.trx)
py=$(command -v /usr/bin/python3 python3 | head -n1)
[ ${#trx[@]} -gt 0 ] && [ -n "$py" ] && "$py" scripts/failures.py "${trx[@]}"
rm -rf "$results"
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a crashed test host counts as a failure
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
