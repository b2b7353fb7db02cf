namespace HwbpCluster.Linux;

/// <summary>Per-breakpoint counts kept by a <see cref="HitReader"/>.</summary>
/// <param name="Samples">SAMPLE records drained from the ring buffer.</param>
/// <param name="Lost">Samples the kernel lost because the ring was full: the larger of its LOST records' sum and its exact
/// count (read() with PERF_FORMAT_LOST, kernel 6.0+), which also knows losses no LOST record has reported yet.</param>
/// <param name="Dropped">Samples drained but dropped because the hits channel was full.</param>
/// <param name="Throttles">THROTTLE records seen.</param>
/// <param name="TaskGone">True once the watched task exited (POLLHUP).</param>
/// <param name="Corrupt">Records that could not be decoded (each hides at least one record).</param>
public readonly record struct HitStreamStats(ulong Samples, ulong Lost, ulong Dropped, ulong Throttles, bool TaskGone, ulong Corrupt = 0);
