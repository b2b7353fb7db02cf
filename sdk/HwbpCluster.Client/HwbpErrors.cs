using System.Net.Sockets;
using Grpc.Core;

namespace HwbpCluster.Client;

/// <summary>What a failed call's <see cref="RpcException"/> means beyond its status code.</summary>
public static class HwbpErrors
{
    /// <summary>Whether the call never reached a node (refused connection, unknown name, no HTTP/2 answer).</summary>
    /// <remarks>
    /// Both this and a node that answers UNAVAILABLE (e.g. a backend refusing) carry UNAVAILABLE; only this one has no
    /// answer from the node: Grpc.Net.Client puts the connection's failure (an HTTP or socket error) in
    /// <see cref="Status.DebugException"/>.
    /// </remarks>
    public static bool IsUnreachable(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.StatusCode != StatusCode.Unavailable)
        {
            return false;
        }

        for (Exception? cause = exception.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            if (cause is HttpRequestException or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
