using HwbpCluster.Protos.Health.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Client;

/// <summary>grpc.health.v1.Health.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Health.Check: whether the node (empty service) or one of its services, e.g. "hwbp.v1.Arbiter", is serving.</summary>
    /// <remarks>Answers without a token. An unknown service is NOT_FOUND.</remarks>
    public async Task<ServingStatus> CheckHealthAsync(string service = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        return (await CallAsync(new HealthCheckRequest { Service = service }, health.CheckAsync, cancellationToken)).Status;
    }
}
