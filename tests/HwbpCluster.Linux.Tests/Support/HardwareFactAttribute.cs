namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that runs only where real hardware breakpoints work, and otherwise skips saying why.</summary>
public sealed class HardwareFactAttribute : FactAttribute
{
    private static readonly Lazy<HardwareBreakpointSupport> Support = new(HardwareBreakpoints.Probe);

    public HardwareFactAttribute()
    {
        if (!Support.Value.IsAvailable)
        {
            Skip = $"hardware breakpoints unavailable: {Support.Value.Reason}";
        }
    }
}
