namespace HwbpCluster.Hosts.Internal;

/// <summary>One CPU ledger's committed counts per pool (index = pool), and its pending holds.</summary>
internal sealed record LedgerCounts(int Cpu, int[] CpuPinned, int[] MaxTask, int[] ProjectedWorstCase, int PendingHolds, int Parked);
