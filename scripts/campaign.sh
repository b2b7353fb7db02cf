#!/usr/bin/env bash
# Runs one full reliability campaign against real hwbp-node processes on 127.0.0.1 and exits non-zero when a check failed.
#   scripts/campaign.sh fuzz  [--seed N] [--count 100000] [--garbage 400]   100,000 seeded requests, garbage on every socket
#   scripts/campaign.sh load  [--sessions 1000] [--seconds 60] [--nodes 3]   watched sessions over a 3-node cluster
#   scripts/campaign.sh soak  [--minutes 30] [--rate 10]                     one node at a steady rate, RSS and fd slopes
#   scripts/campaign.sh faults [--seed N] [--minutes 5] [--clients 24]       kill -9 and restarts under load, invariants polled
# HWBP_CAMPAIGN_LOGDIR=DIR: faults keeps each node process's log (Information; leases at Debug; UTC times) in DIR/nN.log, for a post-mortem.
# The CI runs short versions of fuzz, load and faults (tests/HwbpCluster.Campaigns.Tests); figures go in docs/RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,7p' "$0"; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/HwbpCluster.Campaigns/HwbpCluster.Campaigns.csproj -c Release -warnaserror -nologo -v q >/dev/null
# Run a copy, so a rebuild during a long soak cannot replace the assemblies under the running processes.
run=$(mktemp -d)
trap 'rm -rf "$run"' EXIT
cp -r bench/HwbpCluster.Campaigns/bin/Release/net10.0/. "$run"
echo "$(date -u +%FT%TZ) $(nproc) cores, $(uname -r): hwbp-campaign $*"
dotnet "$run/hwbp-campaign.dll" "$@"
