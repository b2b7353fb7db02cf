namespace HwbpCluster.Testing;

/// <summary>A fact that needs armed hardware breakpoints to fire here, and otherwise skips with the probe's reason.</summary>
/// <remarks>Some virtual machines accept every breakpoint and never deliver a debug exception: there the hit count stays 0.</remarks>
public sealed class HitsFactAttribute : FactAttribute
{
    public HitsFactAttribute(bool cpuWide = false) => Skip = HardwareProbe.UnlessAccepted(cpuWide) ?? HardwareProbe.UnlessFiring(cpuWide);
}
