using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HwbpCluster.Node.Hosting;

/// <summary>The node's health for grpc.health.v1: healthy until it begins to stop; the node and each hwbp.v1 service report it.</summary>
internal sealed class NodeHealth(IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <summary>The check's registration name.</summary>
    public const string Name = "node";

    /// <summary>The services grpc.health.v1 answers for; "" is the node as a whole. Others are NOT_FOUND (Watch: SERVICE_UNKNOWN).</summary>
    public static IReadOnlyList<string> Services { get; } = ["", "hwbp.v1.Arbiter", "hwbp.v1.Simulator", "hwbp.v1.Fleet"];

    /// <summary>Maps every served service to this check.</summary>
    public static void MapServices(GrpcHealthChecksOptions options)
    {
        options.Services.Clear();
        foreach (var service in Services)
        {
            options.Services.Map(service, result => result.Name == Name);
        }
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the node is stopping")
            : HealthCheckResult.Healthy());
}
