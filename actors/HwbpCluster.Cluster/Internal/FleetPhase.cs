using Akka.Actor;
using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>One phase of a fleet call (prepare, commit or abort on many hosts at once): another node's hosts get their calls in
/// one message per node (<see cref="HostCalls"/>), this node's hosts are called directly; one outcome per host, in order.</summary>
/// <remarks>A fleet of 1,000 hosts on 5 nodes is then 4 remote round trips per phase instead of 800: the per-message costs of
/// Akka.Remote (an ask, serialization, a hop on each side) dominate a fleet call, not the hosts' work.</remarks>
internal static class FleetPhase
{
    /// <summary>Runs the phase on every host <paramref name="hostAt"/> gives (null: skipped, its outcome left empty).</summary>
    /// <param name="sessionId">The session the calls are made for.</param>
    /// <param name="count">How many hosts.</param>
    /// <param name="hostAt">The host at each index, or null to skip it.</param>
    /// <param name="direct">The call on a host of this node.</param>
    /// <param name="remote">The same call as a message for another node's host.</param>
    /// <param name="read">The reservation a successful reply carries (null for calls that carry none).</param>
    /// <param name="cancellationToken">Cancels the waits.</param>
    public static async Task<FleetHostOutcome[]> RunAsync(
        string sessionId,
        int count,
        Func<int, IHwbpHost?> hostAt,
        Func<int, IHwbpHost, Task<ReservationView?>> direct,
        Func<int, HostCall> remote,
        Func<HostReply, ReservationView?> read,
        CancellationToken cancellationToken)
    {
        var outcomes = new FleetHostOutcome[count];
        var byNode = new Dictionary<Address, List<(int Index, RemoteHost Host)>>();
        var calls = new List<Task>();
        for (var i = 0; i < count; i++)
        {
            var index = i;
            switch (hostAt(i))
            {
                case null:
                    outcomes[i] = new FleetHostOutcome(null, null);
                    break;
                case RemoteHost other:
                    var address = other.Owner.Member.Address;
                    if (!byNode.TryGetValue(address, out var group))
                    {
                        byNode[address] = group = [];
                    }

                    group.Add((i, other));
                    break;
                case var local:
                    calls.Add(CallAsync(index, local));
                    break;
            }
        }

        async Task CallAsync(int index, IHwbpHost local) => outcomes[index] = await TryAsync(() => direct(index, local));

        calls.AddRange(byNode.Values.Select(group => AskNodeAsync(sessionId, group, remote, read, outcomes, cancellationToken)));
        await Task.WhenAll(calls);
        return outcomes;
    }

    private static async Task AskNodeAsync(
        string sessionId,
        List<(int Index, RemoteHost Host)> group,
        Func<int, HostCall> remote,
        Func<HostReply, ReservationView?> read,
        FleetHostOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        var (_, first) = group[0];
        try
        {
            var batch = new HostCalls { Calls = { group.Select(g => g.Host.Bind(sessionId, remote(g.Index))) } };
            var replies = await first.Calls.AskAllAsync(first.Owner, batch, cancellationToken);
            for (var j = 0; j < group.Count; j++)
            {
                var reply = replies[j];
                outcomes[group[j].Index] = reply.ResultCase == HostReply.ResultOneofCase.Failure
                    ? new FleetHostOutcome(null, Codec.FromWire(reply.Failure))
                    : new FleetHostOutcome(read(reply), null);
            }
        }
        catch (Exception ex) when (ex is HostException or OperationCanceledException)
        {
            // The node was not reached (or the caller gave up): every host there gets the same answer.
            var failure = ex as HostException ?? new HostException(HostError.Aborted, "the fleet call was cancelled");
            foreach (var (index, _) in group)
            {
                outcomes[index] = new FleetHostOutcome(null, failure);
            }
        }
    }

    /// <summary>One host's call as an outcome: its reservation, or the host's refusal.</summary>
    public static async Task<FleetHostOutcome> TryAsync(Func<Task<ReservationView?>> call)
    {
        try
        {
            return new FleetHostOutcome(await call(), null);
        }
        catch (HostException ex)
        {
            return new FleetHostOutcome(null, ex);
        }
        catch (OperationCanceledException)
        {
            return new FleetHostOutcome(null, new HostException(HostError.Aborted, "the fleet call was cancelled"));
        }
    }
}
