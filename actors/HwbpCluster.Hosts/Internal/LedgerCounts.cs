namespace HwbpCluster.Hosts.Internal;

/// <summary>One CPU ledger's committed counts per pool (index = pool), and its pending holds; CPU -1 is the summary ledger.</summary>
internal sealed record LedgerCounts(int Cpu, int[] CpuPinned, int[] MaxTask, int[] ProjectedWorstCase, int PendingHolds, int Parked)
{
    /// <summary>The summary's copy of this CPU's CPU-bound counts (null from the CPU actor alone): equal to CpuPinned at quiescence.</summary>
    public int[]? SummaryCpuPinned { get; init; }
}
