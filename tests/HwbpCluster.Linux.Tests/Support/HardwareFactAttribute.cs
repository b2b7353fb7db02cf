namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that runs only where real hardware breakpoints work, and otherwise skips saying why.</summary>
public sealed class HardwareFactAttribute : FactAttribute
{
    private static readonly Lazy<HardwareBreakpointSupport> Task = new(HardwareBreakpoints.Probe);
    private static readonly Lazy<HardwareBreakpointSupport> CpuWide = new(HardwareBreakpoints.ProbeCpuWide);

    public HardwareFactAttribute(bool cpuWide = false)
    {
        HardwareBreakpointSupport support = cpuWide ? CpuWide.Value : Task.Value;
        if (!support.IsAvailable)
        {
            Skip = $"{(cpuWide ? "CPU-wide" : "task")} hardware breakpoints unavailable: {support.Reason}";
        }
    }
}
