#!/usr/bin/env bash
# Start-up of one-shot `hwbp health` calls, measured in the same run against the same node:
#   tool     the installed .NET tool (scripts/pack.sh: ReadyToRun), installed into a tool path from artifacts/packages
#   build    the plain Release build, cli/bin/Release/net10.0/hwbp (JIT)
#   run      `dotnet run --project cli -c Release --no-build` (what the README used to show)
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

# The tool and the build alternate, so load that comes and goes hits both alike; one warm-up run each first.
timed "$tools/hwbp" health --node "$node" >/dev/null
timed cli/bin/Release/net10.0/hwbp health --node "$node" >/dev/null
for _ in $(seq "$runs"); do
  timed "$tools/hwbp" health --node "$node" >>"$tools/tool.txt"
  timed cli/bin/Release/net10.0/hwbp health --node "$node" >>"$tools/build.txt"
done
for _ in 1 2 3; do timed dotnet run --project cli -c Release --no-build -- health --node "$node" >>"$tools/run.txt"; done

load=$(cut -d' ' -f1 /proc/loadavg)

echo "hwbp health: median of $runs runs, wall ms / cpu ms (load average $load, $(nproc) cores)"
echo "  installed tool (ReadyToRun)  $(median 1 "$tools/tool.txt") / $(median 2 "$tools/tool.txt")"
echo "  plain build (JIT)            $(median 1 "$tools/build.txt") / $(median 2 "$tools/build.txt")"
echo "  dotnet run --no-build        $(median 1 "$tools/run.txt") / $(median 2 "$tools/run.txt")   (3 runs)"
awk -v tw="$(median 1 "$tools/tool.txt")" -v bw="$(median 1 "$tools/build.txt")" \
    -v tc="$(median 2 "$tools/tool.txt")" -v bc="$(median 2 "$tools/build.txt")" \
    'BEGIN { printf "  tool / build: wall %.2f, cpu %.2f\n", tw / bw, tc / bc }'
