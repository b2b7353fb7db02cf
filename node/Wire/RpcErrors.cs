using Grpc.Core;
using HwbpCluster.Hosts;

namespace HwbpCluster.Node.Wire;

/// <summary>The node's error statuses: request validation at the edge, and the one-to-one map of host errors to status codes.</summary>
internal static class RpcErrors
{
    /// <summary>The longest status message the node sends; longer ones are cut, so a huge request field is never echoed whole.</summary>
    public const int MaxDetailLength = 300;

    /// <summary>INVALID_ARGUMENT naming the field and the rule it breaks.</summary>
    public static RpcException InvalidArgument(string field, string rule) => Error(StatusCode.InvalidArgument, $"{field}: {rule}");

    /// <summary>NOT_FOUND naming what is missing.</summary>
    public static RpcException NotFound(string what) => Error(StatusCode.NotFound, what);

    /// <summary>A status with its message.</summary>
    public static RpcException Error(StatusCode code, string detail) => new(new Status(code, detail));

    /// <summary>The status code a host error maps to.</summary>
    public static StatusCode CodeOf(HostError error) => error switch
    {
        HostError.InvalidArgument => StatusCode.InvalidArgument,
        HostError.NoRoom => StatusCode.ResourceExhausted,
        HostError.NotFound => StatusCode.NotFound,
        HostError.PermissionDenied => StatusCode.PermissionDenied,
        HostError.FailedPrecondition => StatusCode.FailedPrecondition,
        HostError.BackendRefused => StatusCode.Unavailable,
        HostError.WaitExpired => StatusCode.ResourceExhausted,
        HostError.Unavailable => StatusCode.Unavailable,
        HostError.Unreachable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    /// <summary>The host's failure as the client sees it: its status code and its message.</summary>
    public static RpcException FromHost(HostException exception) =>
        new(new Status(CodeOf(exception.Error), Clip(exception.Message), exception));

    /// <summary>The same status with its message cut to <see cref="MaxDetailLength"/> characters, or the exception itself when short.</summary>
    public static RpcException Clipped(RpcException exception) => exception.Status.Detail.Length <= MaxDetailLength
        ? exception
        : new RpcException(new Status(exception.StatusCode, Clip(exception.Status.Detail), exception.Status.DebugException), exception.Trailers);

    private static string Clip(string detail) =>
        detail.Length <= MaxDetailLength ? detail : string.Concat(detail.AsSpan(0, MaxDetailLength - 1), "…");
}
