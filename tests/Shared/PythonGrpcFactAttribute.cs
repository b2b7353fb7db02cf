namespace HwbpCluster.Testing;

/// <summary>A fact that needs python3-grpcio: skipped, with the reason, where it is not installed (never a silent pass).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PythonGrpcFactAttribute : FactAttribute
{
    public PythonGrpcFactAttribute()
    {
        if (PythonGrpc.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
