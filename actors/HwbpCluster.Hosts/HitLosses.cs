namespace HwbpCluster.Hosts;

/// <summary>Hits of a reservation that happened but reached no watcher, by where they were lost (real backends; 0 on sim).</summary>
/// <param name="Kernel">Lost by the kernel because the ring buffer was full (exact where the kernel counts them, 6.0+).</param>
/// <param name="Reader">Dropped by the host's reader because its buffer toward the watchers was full.</param>
/// <param name="Corrupt">Records that could not be decoded (each hides at least one hit).</param>
public readonly record struct HitLosses(ulong Kernel, ulong Reader, ulong Corrupt)
{
    /// <summary>All of them.</summary>
    public ulong Total => Kernel + Reader + Corrupt;
}
