using HwbpCluster.Cluster;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Services;
using HwbpCluster.Node.Wire;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Dashboard;

/// <summary>Reads the cluster for the dashboard through the same objects the gRPC API uses: Fleet's member list and each host's
/// GetState and ListReservations (this node's host actors, or the owning node's for another member's host).</summary>
/// <remarks>No second source of truth: what the page shows is what GetHost, ListReservations and ListMembers would answer.</remarks>
internal sealed class DashboardSource(NodeHosts hosts, FleetService fleet, IOptions<HwbpNodeOptions> options, TimeProvider time)
{
    /// <summary>How long one host may take to answer before the dashboard shows its last known state with the error.</summary>
    private static readonly TimeSpan HostTimeout = TimeSpan.FromSeconds(2);

    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>Reads every member and host; <paramref name="previous"/> supplies the last known state of hosts it cannot read now.</summary>
    public async Task<DashboardView> ReadAsync(IReadOnlyDictionary<string, HostView> previous, CancellationToken cancellationToken)
    {
        var members = fleet.Members();
        IReadOnlyList<ClusterHost> targets = hosts.Cluster?.Hosts()
            ?? [.. hosts.Local.Select(h => new ClusterHost(h, options.Value.NodeName, NoLabels, Reachable: true))];
        var views = await Task.WhenAll(targets.Select(t => ReadHostAsync(t, previous.GetValueOrDefault(t.Host.Name), cancellationToken)));
        return new DashboardView(time.GetUtcNow(), members, views);
    }

    private static async Task<HostView> ReadHostAsync(ClusterHost target, HostView? last, CancellationToken cancellationToken)
    {
        var name = target.Host.Name;
        if (!target.Reachable)
        {
            return new HostView(name, target.Node, false, last?.State, last?.Reservations ?? [], $"node '{target.Node}' is unreachable");
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(HostTimeout);
        try
        {
            var state = target.Host.GetStateAsync(bounded.Token);
            var reservations = target.Host.ListReservationsAsync(null, bounded.Token);
            return new HostView(name, target.Node, true, ToWire.HostState(await state), [.. (await reservations).Select(ToWire.Reservation)], "");
        }
        catch (HostException ex)
        {
            return new HostView(name, target.Node, ex.Error != HostError.Unreachable, last?.State, last?.Reservations ?? [], ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HostView(name, target.Node, true, last?.State, last?.Reservations ?? [],
                $"host {name} did not answer within {HostTimeout.TotalSeconds:0} s");
        }
    }
}
