namespace HwbpCluster.Hosts.Internal;

/// <summary>The summary ledger's counts, for model checks: per pool, its copy of every CPU's CPU-bound count, each CPU's
/// projected worst case from CPU-bound and uniform task breakpoints, and the largest uniform task count.</summary>
internal sealed record SummaryCensus(int[][] CpuPinned, int[][] ProjectedWorstCase, int[] MaxUniform, int PendingHolds, int Parked);
