namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A fact that builds C programs with gcc, and skips saying why where gcc is missing.</summary>
public sealed class GccFactAttribute : FactAttribute
{
    public GccFactAttribute()
    {
        if (NativeProgram.GccProblem is { } problem)
        {
            Skip = problem;
        }
    }
}
