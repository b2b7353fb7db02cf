#!/usr/bin/env bash
# The ceiling of issue 11's hit-rate goal on this machine, with no node at all: what reading a hardware breakpoint's ring
# costs the writing thread when the reader is a small C program (bench/native/ring_ceiling.c) on another CPU, beside the
# same loop under the kernel's count (the goal's baseline). A node that reads the same way cannot beat the row it matches;
# bench/hits.sh measures the node. RUNS (default 3), WRITES (default 50000), ROUNDS (default 12). Needs breakpoints that
# fire, two CPUs, gcc, and the CPUs to itself.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
gcc -O2 -Wall -Werror -o "$dir/ring_ceiling" bench/native/ring_ceiling.c -lpthread
for run in $(seq "${RUNS:-3}"); do
  echo "== run $run, load average $(cut -d' ' -f1 /proc/loadavg)"
  "$dir/ring_ceiling" "${WRITES:-50000}" "${ROUNDS:-12}"
done
