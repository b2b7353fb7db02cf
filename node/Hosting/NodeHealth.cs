using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HwbpCluster.Node.Hosting;

/// <summary>The node's health for grpc.health.v1: the node and each hwbp.v1 service report it.</summary>
/// <remarks>Unhealthy (NOT_SERVING) once the node begins to stop or a host of it has been taken out after a failure; degraded
/// (still SERVING, with the reason as the description) while a host carries a warning, e.g. hardware that never fires.</remarks>
internal sealed class NodeHealth(IHostApplicationLifetime lifetime, NodeHosts hosts) : IHealthCheck
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
        Task.FromResult(Check());

    private HealthCheckResult Check()
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("the node is stopping");
        }

        if (hosts.AnyFailed.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("a host was taken out after a failure: its state can no longer be trusted");
        }

        var warnings = hosts.All.SelectMany(h => h.Description.Warnings.Select(w => $"{h.Name}: {w}")).ToList();
        return warnings.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", warnings));
    }
}
