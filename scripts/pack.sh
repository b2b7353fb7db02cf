#!/usr/bin/env bash
# Packs what users install into one local folder (default artifacts/packages):
#   HwbpCluster.Cli     the `hwbp` .NET tool, ReadyToRun-compiled for this machine's runtime identifier (fast start-up)
#   HwbpCluster.Client  the SDK, with the packages it depends on (HwbpCluster.Protos; the gRPC packages come from NuGet)
# Then:
#   dotnet tool install --global HwbpCluster.Cli --add-source artifacts/packages
#   dotnet add package HwbpCluster.Client --source artifacts/packages
# Environment: HWBP_VERSION (default 0.1.0). Argument: the output folder.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-artifacts/packages}")"
version="${HWBP_VERSION:-0.1.0}"
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
mkdir -p "$out"

pack() { dotnet pack "$@" -c Release -p:Version="$version" -o "$out" --nologo -v quiet; }

for project in protos/HwbpCluster.Protos/HwbpCluster.Protos.csproj sdk/HwbpCluster.Client/HwbpCluster.Client.csproj; do
  pack "$project"
done
pack cli/HwbpCluster.Cli.csproj -r "$rid" -p:PublishReadyToRun=true

echo "packed $version for $rid into $out:"
ls -1 "$out"/*."$version".nupkg
