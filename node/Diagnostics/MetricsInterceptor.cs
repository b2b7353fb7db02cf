using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Node.Internal;

namespace HwbpCluster.Node.Diagnostics;

/// <summary>Outermost interceptor: times every call and counts refusals by status code, authentication failures included.</summary>
/// <remarks>
/// It sits outside <see cref="Wire.ErrorInterceptor"/>, so every failure it sees is an <see cref="RpcException"/> carrying the
/// status the client gets, or the cancellation of a call whose client left or whose deadline passed.
/// </remarks>
internal sealed class MetricsInterceptor(NodeMetrics metrics) : ServerCallInterceptor
{
    protected override async Task<T> InterceptAsync<T>(ServerCallContext context, Func<Task<T>> continuation)
    {
        var start = Stopwatch.GetTimestamp();
        var code = StatusCode.OK;
        try
        {
            return await continuation();
        }
        catch (RpcException ex)
        {
            code = ex.StatusCode;
            throw;
        }
        catch (OperationCanceledException)
        {
            code = context.Deadline <= DateTime.UtcNow ? StatusCode.DeadlineExceeded : StatusCode.Cancelled;
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
