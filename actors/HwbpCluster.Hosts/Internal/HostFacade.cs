using HwbpCluster.Actors;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The node's view of one host: each call is one message to the host actor and an awaited reply.</summary>
internal sealed partial class HostFacade(ActorSystem system, IActorRef<HostMsg> host, HostDescription description, bool ownsSystem)
    : IHwbpHost, ISimulatedHost
{
    private int _disposed;

    public string Name => Description.Name;

    public HostDescription Description { get; } = description;

    public ISimulatedHost? Simulator => this;

    internal IActorRef<HostMsg> Actor => host;

    public Task OpenSessionAsync(SessionInfo session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Call<bool>(r => new HostMsg.OpenSession(session, r), cancellationToken);
    }

    public Task<int> CloseSessionAsync(string sessionId, string reason, CancellationToken cancellationToken = default) =>
        Call<int>(r => new HostMsg.CloseSession(sessionId, reason, r), cancellationToken);

    public async Task<ReservationView> ReserveAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        IActorRef<Reply<ReservationView>>? caller = null;
        try
        {
            return await Call<ReservationView>(r => new HostMsg.Reserve(sessionId, command, caller = r), cancellationToken);
        }
        catch (OperationCanceledException) when (caller is not null)
        {
            // The caller stopped waiting: the host must not grant (or keep) what nobody will learn about.
            host.Tell(new HostMsg.Withdraw(caller));
            throw;
        }
    }

    public Task<ReservationView> ModifyAsync(string sessionId, long reservationId, BreakpointSpec spec, CancellationToken cancellationToken = default) =>
        Call<ReservationView>(r => new HostMsg.Modify(sessionId, reservationId, spec, r), cancellationToken);

    public Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        Call<bool>(r => new HostMsg.Release(sessionId, reservationId, r), cancellationToken);

    public Task<IReadOnlyList<ReservationView>> ListReservationsAsync(string? sessionId, CancellationToken cancellationToken = default) =>
        Call<IReadOnlyList<ReservationView>>(r => new HostMsg.List(sessionId, r), cancellationToken);

    public Task<HostSnapshot> GetStateAsync(CancellationToken cancellationToken = default) =>
        Call<HostSnapshot>(r => new HostMsg.State(r), cancellationToken);

    public Task<IReadOnlyList<long>> EnterGuestAsync(string sessionId, int cpu, IReadOnlyList<BreakpointSpec> guestBreakpoints,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guestBreakpoints);
        return Call<IReadOnlyList<long>>(r => new HostMsg.EnterGuest(sessionId, cpu, guestBreakpoints.ToArray(), r), cancellationToken);
    }

    public Task<IReadOnlyList<long>> ExitGuestAsync(string sessionId, int cpu, CancellationToken cancellationToken = default) =>
        Call<IReadOnlyList<long>>(r => new HostMsg.ExitGuest(sessionId, cpu, r), cancellationToken);

    public EventSubscription<HitRecord> WatchHits(string sessionId, int capacity)
    {
        var subscription = new EventSubscription<HitRecord>(capacity, s => host.Tell(new HostMsg.Unwatch(sessionId, s)));
        host.Tell(new HostMsg.WatchHits(sessionId, subscription));
        return subscription;
    }

    public EventSubscription<ReservationEvent> WatchReservations(string sessionId, int capacity)
    {
        var subscription = new EventSubscription<ReservationEvent>(capacity, s => host.Tell(new HostMsg.Unwatch(sessionId, s)));
        host.Tell(new HostMsg.WatchEvents(sessionId, subscription));
        return subscription;
    }

    /// <summary>Every CPU ledger's counts, for model checks in tests.</summary>
    internal Task<IReadOnlyList<LedgerCounts>> CountsAsync() => Call<IReadOnlyList<LedgerCounts>>(r => new HostMsg.Counts(r), default);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (ownsSystem)
        {
            await system.TerminateAsync();
        }
        else
        {
            system.Stop(host);
        }
    }

    private async Task<T> Call<T>(Func<IActorRef<Reply<T>>, HostMsg> build, CancellationToken cancellationToken)
    {
        var reply = await host.Ask(build, Timeout.InfiniteTimeSpan, cancellationToken);
        return reply.Unwrap();
    }
}
