using HwbpCluster.Hosts;
using HwbpCluster.Rpc.Server;

namespace HwbpCluster.Node.Wire;

/// <summary>Innermost interceptor: a host's failure leaves the node as the status code its <see cref="HostError"/> maps to.</summary>
internal static class HostErrorInterceptor
{
    /// <summary>The interceptor, for <see cref="GrpcServerOptions.Interceptors"/>.</summary>
    public static async Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        try
        {
            await continuation();
        }
        catch (HostException ex)
        {
            throw RpcErrors.FromHost(ex);
        }
    }
}
