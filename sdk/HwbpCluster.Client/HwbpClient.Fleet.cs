using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>hwbp.v1.Fleet: membership, and reservations across many hosts at once.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Fleet.ListMembers: the cluster's members as the node called sees them.</summary>
    public Task<ListMembersResponse> ListMembersAsync(CancellationToken cancellationToken = default) =>
        CallAsync(new ListMembersRequest(), fleet.ListMembersAsync, cancellationToken);

    /// <summary>Fleet.FleetReserve: one reservation per selected host, all or nothing or best effort; returns per-host outcomes.</summary>
    public Task<FleetReserveResponse> FleetReserveAsync(FleetReserveRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, fleet.FleetReserveAsync, cancellationToken);

    /// <summary>Fleet.FleetRelease: releases a session's reservations on the selected hosts (optionally only those with a label).</summary>
    public Task<FleetReleaseResponse> FleetReleaseAsync(FleetReleaseRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, fleet.FleetReleaseAsync, cancellationToken);
}
