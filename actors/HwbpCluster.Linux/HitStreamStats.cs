namespace HwbpCluster.Linux;

/// <summary>Per-breakpoint counts kept by a <see cref="HitReader"/>.</summary>
/// <param name="Samples">SAMPLE records drained from the ring buffer.</param>
/// <param name="Lost">Samples the kernel reported lost (LOST records).</param>
/// <param name="Dropped">Samples drained but dropped because the hits channel was full.</param>
/// <param name="Throttles">THROTTLE records seen.</param>
/// <param name="TaskGone">True once the watched task exited (POLLHUP).</param>
public readonly record struct HitStreamStats(ulong Samples, ulong Lost, ulong Dropped, ulong Throttles, bool TaskGone);
