namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that builds C programs with gcc (and, if asked, arms real breakpoints), and otherwise skips saying why.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute(bool hardware = false)
    {
        Skip = (hardware ? new HardwareFactAttribute().Skip : null) ?? NativeProgram.GccProblem;
    }
}
