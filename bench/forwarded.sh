#!/usr/bin/env bash
# Issue 10's forwarding goal: a Reserve+Release forwarded n1 -> n2 at 16 in flight runs at least 0.5x the rate of the same
# calls sent straight to n2, in the same run. Two hwbp-node processes on loopback (one node per process, as deployed; the
# load client is a third process), measured in alternating 3 s windows (`--rounds`): each forwarded window against the
# direct window just before it. A run meets the goal when the median of its rounds does. SHAPE=in-process puts both nodes
# and the client in one process instead (the transport then shares the client's thread pool). RUNS (default 3), ROUNDS
# (default 10), GOAL (default 0.5). Needs the two cores to itself: the figure is a ratio, but a load that changes inside a
# window moves single rounds by +-0.2.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
rounds="${ROUNDS:-10}"
goal="${GOAL:-0.5}"
case "${SHAPE:-processes}" in
  processes) scenarios=(cluster-processes-direct cluster-processes-forwarded) ;;
  in-process) scenarios=(cluster-direct cluster-forwarded) ;;
  *) echo "SHAPE must be processes or in-process" >&2; exit 2 ;;
esac
dotnet build bench/HwbpCluster.Load -c Release -nologo -v q >/dev/null
met=0
for run in $(seq "$runs"); do
  echo "== run $run of $runs, ${SHAPE:-processes}, load average $(cut -d' ' -f1 /proc/loadavg)"
  out="$(dotnet bench/HwbpCluster.Load/bin/Release/net10.0/HwbpCluster.Load.dll \
    --seconds 3 --warmup 15 --in-flight 16 --rounds "$rounds" --scenario "${scenarios[@]}")"
  echo "$out" | grep -E '^\| (round|[0-9]+ )'
  median="$(echo "$out" | grep -E '^\| cluster.*forwarded.*x \(' | sed -E 's/.*\| ([0-9.]+)x \(.*/\1/')"
  echo "median forwarded / direct: ${median}x"
  awk -v m="$median" -v g="$goal" 'BEGIN { exit !(m >= g) }' && met=$((met + 1))
done
echo "$met of $runs runs at or above ${goal}x"
[ "$met" -eq "$runs" ]
