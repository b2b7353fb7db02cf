using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>Waits until every node sees every node Up and reachable, and nothing else (old incarnations removed).</summary>
public static class ClusterConvergence
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    /// <summary>How long it took.</summary>
    /// <exception cref="TimeoutException">Not within <paramref name="bound"/>; the message has each node's last view.</exception>
    public static async Task<TimeSpan> WaitAsync(FaultNodes nodes, IReadOnlyList<Fleet.FleetClient> fleets, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var views = new string[nodes.Count];
        while (true)
        {
            var whole = true;
            for (var n = 0; n < nodes.Count; n++)
            {
                views[n] = await ViewAsync(fleets[n], cancellationToken);
                whole &= views[n] == Whole(nodes.Count);
            }

            if (whole)
            {
                return DateTime.UtcNow - started;
            }

            if (DateTime.UtcNow - started > bound)
            {
                throw new TimeoutException($"the cluster was not whole within {bound.TotalSeconds:0} s; views: " +
                    string.Join("; ", views.Select((v, n) => nodes.IsRunning(n) ? $"n{n + 1}: {v}" : nodes.Ended(n))));
            }

            await Task.Delay(Pause, cancellationToken);
        }
    }

    private static string Whole(int count) => string.Join(",", Enumerable.Range(1, count).Select(n => $"n{n} Up"));

    private static async Task<string> ViewAsync(Fleet.FleetClient fleet, CancellationToken cancellationToken)
    {
        try
        {
            var members = await fleet.ListMembersAsync(new ListMembersRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
            return string.Join(",", members.Members.OrderBy(m => m.Node, StringComparer.Ordinal)
                .Select(m => $"{m.Node} {(m.Reachable ? string.Empty : "unreachable ")}{m.Status.ToString().Replace("MemberStatus", string.Empty, StringComparison.Ordinal)}"));
        }
        catch (RpcException e)
        {
            return e.StatusCode.ToString();
        }
    }
}
