using HwbpCluster.Cluster.Internal;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster;

/// <summary>One reservation per host across the cluster: all or nothing as a two-phase commit over holds, or best effort.</summary>
/// <remarks>
/// <para>All or nothing prepares on every host at once (<see cref="IHwbpHost.PrepareAsync"/>: room held, invisible, unarmed,
/// given back by the host itself once <c>holdTtl</c> runs out), then commits everywhere if every host held, else aborts
/// every hold. Other clients never see, nor are refused by, a reservation that is later rolled back: a hold makes a
/// competing request wait for its outcome. If the coordinator dies between the phases, every hold expires by itself.</para>
/// <para>The one window left: a host whose hold is gone by the time the commit reaches it (its deadline passed, its node
/// became unreachable, its session closed). The commits that did succeed are then released again and reported as rolled
/// back, so the call still ends all or nothing, but those reservations existed for that moment.</para>
/// </remarks>
public static class FleetReserve
{
    /// <summary>How long a host holds a fleet prepare for its commit unless told otherwise: far beyond a prepare round
    /// (milliseconds even over 1,000 hosts), short enough that a dead coordinator's holds come back soon.</summary>
    public static readonly TimeSpan DefaultHoldTtl = TimeSpan.FromSeconds(10);

    /// <summary>Prepares on every target, then commits everywhere or aborts everywhere; one outcome per target, in order.</summary>
    /// <param name="sessionId">The session the reservations belong to (open on this node).</param>
    /// <param name="targets">Each host with the reservation to make there.</param>
    /// <param name="holdTtl">How long each host holds its room for the commit. The prepare round gets half of it: a host that
    /// has not held by then (its room waits for another coordinator's hold, or its node does not answer) fails the round,
    /// so the holds already taken, which other requests wait for, are not kept longer than that.</param>
    /// <param name="cancellationToken">Cancels the prepare round (what was held is aborted); never the commit or the abort.</param>
    public static async Task<FleetResult> AllOrNothingAsync(
        string sessionId, IReadOnlyList<FleetTarget> targets, TimeSpan holdTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var bound = holdTtl / 2;
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        round.CancelAfter(bound);
        var prepared = await FleetPhase.RunAsync(
            sessionId,
            targets.Count,
            i => targets[i].Host,
            async (i, host) => await host.PrepareAsync(sessionId, targets[i].Command, holdTtl, round.Token),
            i => RemoteHost.PrepareCall(targets[i].Command, holdTtl),
            reply => Codec.FromWire(reply.Reservation),
            round.Token);
        if (round.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            prepared = [.. prepared.Select(p => p.Failure is { Error: HostError.Aborted }
                ? new FleetHostOutcome(null, new HostException(HostError.Aborted,
                    $"did not hold within the prepare round's {bound.TotalSeconds:0.###} s (half the hold's time to live): its room waits for another fleet hold, or its node did not answer"))
                : p)];
        }

        var refused = Array.FindIndex(prepared, p => p.Failure is not null);
        if (refused >= 0 || cancellationToken.IsCancellationRequested)
        {
            await AbortAsync(sessionId, targets, prepared);
            cancellationToken.ThrowIfCancellationRequested();
            return RolledBack(prepared, $"all-or-nothing and host '{targets[refused].Host.Name}' failed");
        }

        var committed = await FleetPhase.RunAsync(
            sessionId,
            targets.Count,
            i => targets[i].Host,
            async (i, host) => await host.CommitAsync(sessionId, prepared[i].Reservation!.Id, CancellationToken.None),
            i => RemoteHost.CommitCall(prepared[i].Reservation!.Id),
            reply => Codec.FromWire(reply.Reservation),
            CancellationToken.None);
        var lost = Array.FindIndex(committed, c => c.Failure is not null);
        if (lost < 0)
        {
            return new FleetResult(committed, Committed: true);
        }

        await Task.WhenAll(targets.Select((t, i) => committed[i].Reservation is { } view ? ReleaseAsync(t.Host, sessionId, view.Id) : Task.CompletedTask));
        return RolledBack(committed, $"all-or-nothing and the commit on host '{targets[lost].Host.Name}' failed");
    }

    /// <summary>Reserves on every target at once and keeps what succeeded; committed when at least one host reserved.</summary>
    public static async Task<FleetResult> BestEffortAsync(
        string sessionId, IReadOnlyList<FleetTarget> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var outcomes = await Task.WhenAll(targets.Select(t =>
            FleetPhase.TryAsync(async () => await t.Host.ReserveAsync(sessionId, t.Command, cancellationToken))));
        return new FleetResult(outcomes, Committed: outcomes.Any(o => o.Reservation is not null));
    }

    // Gives back every hold the prepare took; a host not reached lets its hold expire by itself.
    private static Task AbortAsync(string sessionId, IReadOnlyList<FleetTarget> targets, FleetHostOutcome[] prepared) =>
        FleetPhase.RunAsync(
            sessionId,
            targets.Count,
            i => prepared[i].Reservation is null ? null : targets[i].Host,
            async (i, host) =>
            {
                await host.AbortAsync(sessionId, prepared[i].Reservation!.Id, CancellationToken.None);
                return null;
            },
            i => RemoteHost.AbortCall(prepared[i].Reservation!.Id),
            _ => null,
            CancellationToken.None);

    private static async Task ReleaseAsync(IHwbpHost host, string sessionId, long id)
    {
        try
        {
            await host.ReleaseAsync(sessionId, id, CancellationToken.None);
        }
        catch (HostException)
        {
            // Gone already (task exit, lease), or its node became unreachable: its lease releases it there.
        }
    }

    private static FleetResult RolledBack(FleetHostOutcome[] outcomes, string why) =>
        new([.. outcomes.Select(o => o.Reservation is null ? o : new FleetHostOutcome(null, new HostException(HostError.Aborted, $"rolled back: {why}")))],
            Committed: false);
}
