namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that needs firing hardware breakpoints and linux-perf's `perf` on PATH, and otherwise skips saying why.</summary>
public sealed class PerfFactAttribute : FactAttribute
{
    public PerfFactAttribute()
    {
        string? hardware = new HitsFactAttribute().Skip;
        Skip = hardware ?? (PerfTool.Unavailable is { } perf ? $"linux-perf unavailable: {perf}" : null);
    }
}
