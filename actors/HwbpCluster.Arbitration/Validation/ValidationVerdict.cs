namespace HwbpCluster.Arbitration.Validation;

/// <summary>The verdict on a breakpoint request, before any slot accounting.</summary>
public enum ValidationVerdict
{
    /// <summary>The request is well formed and this client may make it.</summary>
    Valid = 0,

    /// <summary>No client could make this request on this architecture (gRPC INVALID_ARGUMENT).</summary>
    Invalid = 1,

    /// <summary>The request is well formed but this client may not make it (gRPC PERMISSION_DENIED).</summary>
    NotPermitted = 2,
}
