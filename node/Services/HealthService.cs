using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.Health.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Server;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Node.Services;

/// <summary>grpc.health.v1.Health: the node and each of its services are SERVING until the node begins to stop or one of its hosts is taken out.</summary>
/// <remarks>Answers without a token, for probes. Unknown services: NOT_FOUND from Check, SERVICE_UNKNOWN from Watch.</remarks>
internal sealed class HealthService(IHostApplicationLifetime lifetime, NodeHosts hosts)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        string.Empty, "hwbp.v1.Arbiter", "hwbp.v1.Simulator", "hwbp.v1.Fleet", "grpc.health.v1.Health",
    };

    /// <summary>Binds Check and Watch.</summary>
    public void Bind(GrpcServiceBinder binder) => binder
        .Unary<HealthCheckRequest, HealthCheckResponse>("Check", CheckAsync)
        .ServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", WatchAsync);

    private ServingStatus Current =>
        lifetime.ApplicationStopping.IsCancellationRequested || hosts.AnyFailed.IsCancellationRequested ? ServingStatus.NotServing : ServingStatus.Serving;

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, ServerCallContext context) => Known.Contains(request.Service)
        ? Task.FromResult(new HealthCheckResponse { Status = Current })
        : throw new RpcException(StatusCode.NotFound, $"service: '{request.Service}' is not served here");

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> writer, ServerCallContext context)
    {
        if (!Known.Contains(request.Service))
        {
            await writer.WriteAsync(new HealthCheckResponse { Status = ServingStatus.ServiceUnknown }, context.CancellationToken);
            await WaitAsync(context.CancellationToken, lifetime.ApplicationStopping);
            return;
        }

        await writer.WriteAsync(new HealthCheckResponse { Status = Current }, context.CancellationToken);
        using var notServing = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping, hosts.AnyFailed);
        await WaitAsync(context.CancellationToken, notServing.Token);
        await writer.WriteAsync(new HealthCheckResponse { Status = ServingStatus.NotServing }, context.CancellationToken);
    }

    private static async Task WaitAsync(CancellationToken call, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(call, stopping);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token);
        }
        catch (OperationCanceledException) when (!call.IsCancellationRequested)
        {
            // The node is stopping: the caller gets NOT_SERVING as the last word.
        }
    }
}
