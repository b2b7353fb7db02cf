using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Internal;
using HwbpCluster.Node.Services;

namespace HwbpCluster.Node.Wire;

/// <summary>The one place a failure becomes a status: host errors map one-to-one, long messages are cut, bugs are INTERNAL.</summary>
/// <remarks>
/// Without it Grpc.AspNetCore would answer UNKNOWN for any exception but <see cref="RpcException"/>. A cancelled call (client gone,
/// deadline passed) is left to Grpc.AspNetCore, which already answered it.
/// </remarks>
internal sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : ServerCallInterceptor
{
    protected override async Task<T> InterceptAsync<T>(ServerCallContext context, Func<Task<T>> continuation)
    {
        try
        {
            return await continuation();
        }
        catch (HostException ex)
        {
            throw RpcErrors.FromHost(ex);
        }
        catch (RpcException ex)
        {
            throw RpcErrors.Clipped(ex);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            ServiceLog.Failed(logger, context.Method, ex);
            throw RpcErrors.Error(StatusCode.Internal, $"the node failed to serve {context.Method}; its log has the details");
        }
    }
}
