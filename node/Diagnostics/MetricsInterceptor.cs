using System.Diagnostics;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;

namespace HwbpCluster.Node.Diagnostics;

/// <summary>Outermost interceptor: times every call and counts refusals by status code, authentication failures included.</summary>
/// <remarks>The Rpc layer hands interceptors only <see cref="RpcException"/>s, already carrying the status the client gets.</remarks>
internal sealed class MetricsInterceptor(NodeMetrics metrics)
{
    /// <summary>The interceptor, for <see cref="GrpcServerOptions.Interceptors"/>.</summary>
    public async Task InterceptAsync(ServerCallContext context, Func<Task> continuation)
    {
        var start = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            await continuation();
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        finally
        {
            metrics.CallCompleted(context.Method, code, Stopwatch.GetElapsedTime(start));
            if (code != StatusCode.OK)
            {
                metrics.Refused(context.Method, code);
            }
        }
    }
}
