namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A CPU-wide hardware fact that needs at least two CPUs (one to fill from outside, one for HwbpCluster).</summary>
public sealed class MultiCpuFactAttribute : FactAttribute
{
    /// <param name="needsHits">Whether the fact also needs the breakpoints to fire (else only perf_event_open to accept them).</param>
    public MultiCpuFactAttribute(bool needsHits = false)
    {
        string? hardware = needsHits ? new HitsFactAttribute(cpuWide: true).Skip : new HardwareFactAttribute(cpuWide: true).Skip;
        Skip = hardware ?? (Environment.ProcessorCount < 2 ? "needs at least two CPUs" : null);
    }
}
