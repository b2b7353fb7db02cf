namespace HwbpCluster.Testing;

/// <summary>A fact that needs perf_event_open to accept and refuse hardware breakpoints here (not to fire them), else skips saying why.</summary>
public sealed class HardwareFactAttribute : FactAttribute
{
    public HardwareFactAttribute(bool cpuWide = false) => Skip = HardwareProbe.UnlessAccepted(cpuWide);
}
