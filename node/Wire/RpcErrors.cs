using HwbpCluster.Hosts;
using HwbpCluster.Rpc;

namespace HwbpCluster.Node.Wire;

/// <summary>The node's error statuses: request validation at the edge, and the one-to-one map of host errors to status codes.</summary>
internal static class RpcErrors
{
    /// <summary>INVALID_ARGUMENT naming the field and the rule it breaks.</summary>
    public static RpcException InvalidArgument(string field, string rule) => new(StatusCode.InvalidArgument, $"{field}: {rule}");

    /// <summary>NOT_FOUND naming what is missing.</summary>
    public static RpcException NotFound(string what) => new(StatusCode.NotFound, what);

    /// <summary>The status code a host error maps to.</summary>
    public static StatusCode CodeOf(HostError error) => error switch
    {
        HostError.InvalidArgument => StatusCode.InvalidArgument,
        HostError.NoRoom => StatusCode.ResourceExhausted,
        HostError.NotFound => StatusCode.NotFound,
        HostError.PermissionDenied => StatusCode.PermissionDenied,
        HostError.FailedPrecondition => StatusCode.FailedPrecondition,
        HostError.BackendRefused => StatusCode.Unavailable,
        HostError.WaitExpired => StatusCode.DeadlineExceeded,
        HostError.Unreachable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The host's failure as the client sees it: its status code and its message unchanged.</summary>
    public static RpcException FromHost(HostException exception) =>
        new(new Status(CodeOf(exception.Error), exception.Message), null, exception);
}
