namespace HwbpCluster.Arbitration.Validation;

/// <summary>The verdict on a breakpoint request, before any slot accounting.</summary>
public enum ValidationVerdict
{
    /// <summary>The request is well formed and this client may make it.</summary>
    Valid = 0,

    /// <summary>The request is malformed: wrong for this architecture, or a flag this kind's interface lacks (gRPC INVALID_ARGUMENT).</summary>
    Invalid = 1,

    /// <summary>A right the session lacks: its kind or privilege may not ask for this well-formed request (gRPC PERMISSION_DENIED).</summary>
    NotPermitted = 2,
}
