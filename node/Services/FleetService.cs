using Grpc.Core;
using HwbpCluster.Cluster;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Wire;
using HwbpCluster.Protos.V1;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Fleet: the cluster's membership as this node sees it, and fleet reserve/release across every member's hosts.</summary>
internal sealed partial class FleetService(
    NodeHosts hosts, SessionRegistry sessions, IOptions<HwbpNodeOptions> options, IServer server, ILogger<FleetService> logger) : Fleet.FleetBase
{
    private readonly IReadOnlyDictionary<string, string> labels = ListSyntax.ParseLabels(options.Value.Labels, out _);

    public override Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context) => Task.FromResult(Members());

    /// <summary>The members as ListMembers answers them; the dashboard shows the same.</summary>
    public ListMembersResponse Members()
    {
        var name = options.Value.NodeName;
        var members = hosts.Cluster?.Members() ?? [];
        var response = new ListMembersResponse { Self = name };
        if (members.Any(m => m.IsSelf))
        {
            response.Members.AddRange(members.Select(ToWire.Member));
            return response;
        }

        // No cluster, or not a member yet: this node alone (with no cluster address, so no node takes it for a seed yet).
        var self = new Member
        {
            Node = name,
            Address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty,
            Status = hosts.Cluster is null ? MemberStatus.Up : MemberStatus.Joining,
            Reachable = true,
        };
        self.Hosts.AddRange(hosts.Local.Select(h => h.Name));
        self.Labels.Add(labels.ToDictionary());
        response.Members.Add(self);
        return response;
    }

    public override async Task<FleetReleaseResponse> FleetRelease(FleetReleaseRequest request, ServerCallContext context)
    {
        var session = sessions.Get(request.SessionId, AuthInterceptor.CallerOf(context));
        var targets = IsEmpty(request.Selector) ? hosts.All : Select(request.Selector).Select(t => t.Host).OfType<IHwbpHost>();
        var released = 0;
        foreach (var host in targets)
        {
            var held = await host.ListReservationsAsync(session.Id, context.CancellationToken);
            foreach (var reservation in held.Where(r => request.Label.Length == 0 || r.Label == request.Label))
            {
                try
                {
                    await host.ReleaseAsync(session.Id, reservation.Id, context.CancellationToken);
                    released++;
                }
                catch (HostException ex) when (ex.Error == HostError.NotFound)
                {
                    // Released meanwhile (task exit, a concurrent release): nothing left to do.
                }
            }
        }

        sessions.Reservations.Released(session, released);
        return new FleetReleaseResponse { Released = (uint)released };
    }

    private static bool IsEmpty(HostSelector? selector) => selector is null || (selector.Hosts.Count == 0 && selector.Labels.Count == 0);

    /// <summary>The selected host names, each with its host anywhere in the cluster, or null when no member serves it.</summary>
    private List<(string Name, IHwbpHost? Host)> Select(HostSelector selector)
    {
        var selected = new List<(string, IHwbpHost?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in selector.Hosts.Where(seen.Add))
        {
            selected.Add((name, hosts.TryGet(name, out var host) ? host : null));
        }

        if (selector.Labels.Count > 0)
        {
            var everywhere = hosts.Cluster?.Hosts() ?? [.. hosts.Local.Select(h => new ClusterHost(h, options.Value.NodeName, labels, true))];
            selected.AddRange(everywhere
                .Where(h => selector.Labels.All(l => h.Labels.TryGetValue(l.Key, out var v) && v == l.Value) && seen.Add(h.Host.Name))
                .Select(h => (h.Host.Name, (IHwbpHost?)h.Host)));
        }

        return selected;
    }
}
