#!/usr/bin/env bash
# Issue 11's hit-rate goal on real hardware: one thread's watched writes delivered to a WatchHits client over gRPC, with
# no hit lost, at least 0.9x the rate of the same loop counted by the kernel alone, in the same run. The load tool's
# `--hits` mode measures in alternating windows (`--rounds`, after a warm-up round) with an in-process node
# (`--backend linux`) started with NODE (default "--hit-wakeup 1024": each wakeup costs the writing thread a kernel
# interrupt, and one every 64 hits still costs it about 5 points, in C as in the node: bench/ring-ceiling.sh), watching
# a program of its own (WRITER=process, the default) or a thread of the tool (WRITER=thread). It also measures the loop
# under a sampled event that nobody reads (the kernel's own cost of writing each hit to a ring), which no node can beat,
# and prints the figures against that too. The machine's own speed drifts by a fifth between windows seconds apart, so
# many short rounds are pooled: a run meets the goal when all its rounds' writes over their time under the watch reach
# GOAL of the same under the count, and no round lost a hit anywhere (the median of the rounds is printed beside).
# RUNS (default 3), ROUNDS (default 20), WRITES (default 50000), GOAL (default 0.9); APART=1 keeps the writer alone on the
# last CPU and the node and client on the others, as an operator keeps an observer off the CPUs it watches. Needs
# breakpoints that fire, root (a ring for every write), gcc (WRITER=process) and the CPUs to itself.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
rounds="${ROUNDS:-20}"
writes="${WRITES:-50000}"
goal="${GOAL:-0.9}"
node="${NODE---hit-wakeup 1024}"
writer="${WRITER:-process}"
apart=()
[ "${APART:-0}" = 1 ] && apart=(--hit-apart)
dotnet build bench/HwbpCluster.Load -c Release -nologo -v q >/dev/null
met=0
for run in $(seq "$runs"); do
  echo "== run $run of $runs, node: ${node:-its defaults}, writer: a $writer${apart:+, kept apart}, load average $(cut -d' ' -f1 /proc/loadavg)"
  rc=0
  out="$(dotnet bench/HwbpCluster.Load/bin/Release/net10.0/HwbpCluster.Load.dll \
    --hits "$writes" --rounds "$rounds" --hit-node "$node" --hit-writer "$writer" "${apart[@]}")" || rc=$?
  echo "$out" | grep -E '^\| (round|[0-9]+ )|^dropped|^median|^pooled|cannot be measured'
  if [ "$rc" -ne 0 ]; then
    echo "not measured (exit $rc)"
    continue
  fi
  median="$(echo "$out" | sed -nE 's/^median gRPC \/ kernel: ([0-9.]+)x.*/\1/p')"
  pooled="$(echo "$out" | sed -nE 's/^pooled gRPC \/ kernel: ([0-9.]+)x.*/\1/p')"
  sampling="$(echo "$out" | sed -nE 's/^pooled gRPC \/ kernel: .*sampling: ([0-9.]+)x.*/\1/p')"
  missed="$(echo "$out" | awk -F'|' '/^\| [0-9]+ / { gsub(/[ ,]/, "", $10); gsub(/[ ,]/, "", $11); n += $10 + $11 } END { print n + 0 }')"
  echo "pooled gRPC / kernel count: ${pooled}x (median of the rounds ${median}x; against the kernel's own sampling: ${sampling}x), hits missed in all rounds: $missed"
  if [ "$missed" -eq 0 ] && awk -v m="$pooled" -v g="$goal" 'BEGIN { exit !(m >= g) }'; then
    met=$((met + 1))
  fi
done
echo "$met of $runs runs at or above ${goal}x with no hit missed"
[ "$met" -eq "$runs" ]
