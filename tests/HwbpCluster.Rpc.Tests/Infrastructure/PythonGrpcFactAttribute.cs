namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>A fact that needs python3-grpcio: skipped, with the reason, where it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonGrpcFactAttribute : FactAttribute
{
    public PythonGrpcFactAttribute()
    {
        if (PythonGrpc.Missing is { } reason)
        {
            Skip = reason;
        }
    }
}
