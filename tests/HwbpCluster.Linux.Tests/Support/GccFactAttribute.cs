namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that builds C programs with gcc (and, if asked, arms real breakpoints or needs them to fire), and
/// otherwise skips saying why.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute(bool hardware = false, bool hits = false, bool perf = false)
    {
        string? machine = hits ? new HitsFactAttribute().Skip : hardware ? new HardwareFactAttribute().Skip : null;
        string? tool = perf && PerfTool.Unavailable is { } problem ? $"linux-perf unavailable: {problem}" : null;
        Skip = machine ?? NativeProgram.GccProblem ?? tool;
    }
}
