using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Protos.V1;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Services;

/// <summary>hwbp.v1.Fleet on one node: its own membership, and fleet reserve/release across the hosts it owns.</summary>
/// <remarks>The cluster issue extends selection and fan-out to other members; the per-host outcome shapes stay as they are.</remarks>
internal sealed partial class FleetService(
    NodeHosts hosts, SessionRegistry sessions, IOptions<HwbpNodeOptions> options, IServer server, ILogger<FleetService> logger) : Fleet.FleetBase
{
    private readonly IReadOnlyDictionary<string, string> labels = ListSyntax.ParseLabels(options.Value.Labels, out _);

    public override Task<ListMembersResponse> ListMembers(ListMembersRequest request, ServerCallContext context)
    {
        var name = options.Value.NodeName;
        var self = new Member
        {
            Node = name,
            Address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty,
            Status = MemberStatus.Up,
            Reachable = true,
        };
        self.Hosts.AddRange(hosts.All.Select(h => h.Name));
        foreach (var (key, value) in labels)
        {
            self.Labels[key] = value;
        }

        return Task.FromResult(new ListMembersResponse { Self = name, Members = { self } });
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

        return new FleetReleaseResponse { Released = (uint)released };
    }

    private static bool IsEmpty(HostSelector? selector) => selector is null || (selector.Hosts.Count == 0 && selector.Labels.Count == 0);

    /// <summary>The selected host names, each with this node's host of that name or null when this node does not serve it.</summary>
    private List<(string Name, IHwbpHost? Host)> Select(HostSelector selector)
    {
        var selected = new List<(string, IHwbpHost?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in selector.Hosts.Where(seen.Add))
        {
            selected.Add((name, hosts.TryGet(name, out var host) ? host : null));
        }

        if (selector.Labels.Count > 0 && selector.Labels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            selected.AddRange(hosts.All.Where(h => seen.Add(h.Name)).Select(h => (h.Name, (IHwbpHost?)h)));
        }

        return selected;
    }
}
