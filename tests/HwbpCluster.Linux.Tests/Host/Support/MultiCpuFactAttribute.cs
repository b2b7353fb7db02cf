using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A CPU-wide hardware fact that needs at least two CPUs (one to fill from outside, one for HwbpCluster).</summary>
public sealed class MultiCpuFactAttribute : FactAttribute
{
    public MultiCpuFactAttribute()
    {
        string? hardware = new HardwareFactAttribute(cpuWide: true).Skip;
        Skip = hardware ?? (Environment.ProcessorCount < 2 ? "needs at least two CPUs" : null);
    }
}
