#!/usr/bin/env bash
# Start-up of one-shot `hwbp health` calls, measured in the same run against the same node:
#   tool     the installed .NET tool (scripts/pack.sh: ReadyToRun), installed into a tool path from artifacts/packages
#   build    the plain Release build, cli/bin/Release/net10.0/hwbp (JIT)
#   run      `dotnet run --project cli -c Release --no-build` (what the README used to show)
#   variants of the tool with the runtime's start-up knobs (ReadyToRun off, TieredPGO on, TieredCompilation off, ...)
# Prints the median wall and CPU time of each (N runs, default 15, alternating; `run` gets 3) and the tool/build ratios.
# Needs: a Release build of node and cli, and scripts/pack.sh run (or pass --pack). Serves on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-15}"
port="${PORT:-7199}"
node="http://127.0.0.1:$port"
tools="$(mktemp -d)"
[[ "${1:-}" == "--pack" ]] && bash scripts/pack.sh >/dev/null

node/bin/Release/net10.0/hwbp-node --backend sim --cpus 4 --urls "$node" >/dev/null 2>&1 &
node_pid=$!
trap 'kill $node_pid 2>/dev/null; wait $node_pid 2>/dev/null; rm -rf "$tools"' EXIT

version="$(ls artifacts/packages/HwbpCluster.Cli.*.nupkg | sed -E 's/.*HwbpCluster\.Cli\.(.*)\.nupkg/\1/' | sort -V | tail -1)"
dotnet tool install --tool-path "$tools" HwbpCluster.Cli --add-source artifacts/packages --version "$version" >/dev/null

for _ in $(seq 50); do cli/bin/Release/net10.0/hwbp health --node "$node" >/dev/null 2>&1 && break; sleep 0.2; done
"$tools/hwbp" health --node "$node" >/dev/null || { echo "the installed tool cannot reach the node at $node" >&2; exit 1; }

# One timed run: "wall_ms cpu_ms" (cpu = user + system, which other load on the machine disturbs far less than wall).
timed() {
  /usr/bin/time -f "%e %U %S" -o "$tools/time" "$@" >/dev/null 2>&1
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$tools/time"
}

# median COLUMN FILE: the median of one column.
median() { sort -n -k"$1" "$2" | awk -v c="$1" '{ a[NR] = $c } END { print a[int((NR + 1) / 2)] }'; }

# Variants of the same installed files, chosen by the runtime's environment knobs, so only the setting differs:
#   DOTNET_gcConcurrent=0      no background GC thread created at start
#   DOTNET_TieredPGO=1         profiling instrumentation in tier-0 code back on (the tool packs it off)
#   DOTNET_TieredCompilation=0 no tiers: every method the JIT compiles is compiled fully optimised at once
#   DOTNET_TC_QuickJitForLoops=0  methods with loops skip tier 0
names=(tool build tool-nogcc tool-pgo tool-notc tool-noqjfl)
labels=("installed tool (ReadyToRun, TieredPGO off)" "plain build (JIT)" "tool, DOTNET_gcConcurrent=0" "tool, DOTNET_TieredPGO=1"
        "tool, DOTNET_TieredCompilation=0" "tool, DOTNET_TC_QuickJitForLoops=0")
cmds=("$tools/hwbp" cli/bin/Release/net10.0/hwbp "env DOTNET_gcConcurrent=0 $tools/hwbp" "env DOTNET_TieredPGO=1 $tools/hwbp"
      "env DOTNET_TieredCompilation=0 $tools/hwbp" "env DOTNET_TC_QuickJitForLoops=0 $tools/hwbp")

# All variants alternate, so load that comes and goes hits each alike; one warm-up run each first.
for i in "${!names[@]}"; do timed ${cmds[$i]} health --node "$node" >/dev/null; done
for _ in $(seq "$runs"); do
  for i in "${!names[@]}"; do timed ${cmds[$i]} health --node "$node" >>"$tools/${names[$i]}.txt"; done
done
for _ in 1 2 3; do timed dotnet run --project cli -c Release --no-build -- health --node "$node" >>"$tools/run.txt"; done
version_wall=$(for _ in 1 2 3 4 5; do timed "$tools/hwbp" --version; done | sort -n | awk '{ a[NR] = $1 } END { print a[3] }')

load=$(cut -d' ' -f1 /proc/loadavg)

echo "hwbp health: median of $runs runs, wall ms / cpu ms (load average $load, $(nproc) cores)"
for i in "${!names[@]}"; do
  printf "  %-44s %5s / %s\n" "${labels[$i]}" "$(median 1 "$tools/${names[$i]}.txt")" "$(median 2 "$tools/${names[$i]}.txt")"
done
printf "  %-44s %5s / %s   (3 runs)\n" "dotnet run --no-build" "$(median 1 "$tools/run.txt")" "$(median 2 "$tools/run.txt")"
printf "  %-44s %5s   (the runtime's own start: no call)\n" "installed tool, hwbp --version" "$version_wall"
awk -v tw="$(median 1 "$tools/tool.txt")" -v bw="$(median 1 "$tools/build.txt")" \
    -v tc="$(median 2 "$tools/tool.txt")" -v bc="$(median 2 "$tools/build.txt")" \
    'BEGIN { printf "  tool / build: wall %.2f, cpu %.2f\n", tw / bw, tc / bc }'
