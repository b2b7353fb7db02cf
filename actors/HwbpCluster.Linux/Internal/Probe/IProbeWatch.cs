namespace HwbpCluster.Linux.Internal.Probe;

/// <summary>A watch the probe armed: it counts hits and is closed after one read.</summary>
internal interface IProbeWatch : IDisposable
{
    /// <summary>Hits counted so far.</summary>
    ulong Count();
}
