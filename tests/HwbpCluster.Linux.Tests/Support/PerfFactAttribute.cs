namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A hardware fact that also needs linux-perf's `perf` on PATH, and otherwise skips saying why.</summary>
public sealed class PerfFactAttribute : FactAttribute
{
    public PerfFactAttribute()
    {
        string? hardware = new HardwareFactAttribute().Skip;
        Skip = hardware ?? (PerfTool.Unavailable is { } perf ? $"linux-perf unavailable: {perf}" : null);
    }
}
