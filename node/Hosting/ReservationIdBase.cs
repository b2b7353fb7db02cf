namespace HwbpCluster.Node.Hosting;

/// <summary>Where this run of the node starts its hosts' reservation ids, so a restarted node never reuses an id of an earlier run.</summary>
/// <remarks>
/// The start time in milliseconds, shifted left 20 bits: a run that starts Δ ms after another begins Δ·2^20 ids above it, so
/// the two collide only if the earlier one handed out more than a million ids per millisecond it ran before the restart.
/// Host names are unique in the cluster, so HOST/N is then unique across the cluster and across restarts.
/// </remarks>
internal static class ReservationIdBase
{
    /// <summary>The first reservation id of a run that starts at <paramref name="start"/>.</summary>
    public static long For(DateTimeOffset start) => (Math.Max(0, start.ToUnixTimeMilliseconds()) << 20) + 1;
}
