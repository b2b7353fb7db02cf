using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>What the cluster still holds: reservations each node lists, and slots armed on each host, in words.</summary>
public static class Leftovers
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);

    /// <summary>Every reservation still listed and every slot still armed; empty when the cluster holds nothing.</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(FaultNodes nodes, IReadOnlyList<Arbiter.ArbiterClient> arbiters, CancellationToken cancellationToken)
    {
        var left = new List<string>();
        for (var n = 0; n < nodes.Count; n++)
        {
            try
            {
                var listed = await arbiters[n].ListReservationsAsync(new ListReservationsRequest(), deadline: DateTime.UtcNow + CallBound, cancellationToken: cancellationToken);
                left.AddRange(listed.Reservations.Select(r => $"n{n + 1} lists {r.Id} on {r.Host} ({r.State}, session {r.SessionId})"));
            }
            catch (RpcException e)
            {
                left.Add($"n{n + 1} could not list: {e.StatusCode} {e.Status.Detail}");
            }
        }

        foreach (var host in nodes.AllHosts)
        {
            var view = await arbiters[FaultNodes.OwnerOf(host)].GetHostAsync(new GetHostRequest { Host = host }, deadline: DateTime.UtcNow + CallBound, cancellationToken: cancellationToken);
            left.AddRange(view.Cpus.SelectMany(c => c.Slots.Where(s => s.ReservationId.Length > 0).Select(s => $"{host} cpu {c.Cpu} slot {s.Index} armed by {s.ReservationId}")));
        }

        return left;
    }
}
