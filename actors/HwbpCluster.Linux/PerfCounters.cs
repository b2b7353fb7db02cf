namespace HwbpCluster.Linux;

/// <summary>What read() on the event returns: hits so far and samples the full ring buffer dropped.</summary>
/// <param name="Hits">Exact number of times the breakpoint fired while enabled.</param>
/// <param name="Lost">Samples the kernel could not write because the ring buffer was full.</param>
public readonly record struct PerfCounters(ulong Hits, ulong Lost);
