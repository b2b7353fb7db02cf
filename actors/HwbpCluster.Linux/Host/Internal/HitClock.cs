using System.Diagnostics;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Turns the kernel's CLOCK_MONOTONIC sample times into the host's wall-clock time.</summary>
/// <remarks>Anchored once: the host's <see cref="TimeProvider"/> at start, against Stopwatch, which is CLOCK_MONOTONIC on Linux.</remarks>
internal sealed class HitClock(TimeProvider time)
{
    private readonly DateTimeOffset _wallAnchor = time.GetUtcNow();
    private readonly long _monotonicAnchorNs = ToNanoseconds(Stopwatch.GetTimestamp());

    public DateTimeOffset ToWall(ulong monotonicNs) =>
        _wallAnchor + TimeSpan.FromTicks(((long)monotonicNs - _monotonicAnchorNs) / (1_000_000_000 / TimeSpan.TicksPerSecond));

    private static long ToNanoseconds(long timestamp) =>
        (long)((Int128)timestamp * 1_000_000_000 / Stopwatch.Frequency);
}
