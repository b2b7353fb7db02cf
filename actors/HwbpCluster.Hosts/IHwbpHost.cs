using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>One host's debug registers as the node sees them: sessions, reservations, guest borrows, state and events.</summary>
/// <remarks>
/// <para>Implemented by the host actors over a register backend (simulated or Linux), and by the cluster for another
/// node's host. Every method is safe to call concurrently; the actors serialize what must be serialized. Failures are
/// <see cref="HostException"/>s whose <see cref="HostException.Error"/> maps onto one gRPC status code (only the backend
/// refusing and an unreachable owning node share UNAVAILABLE).</para>
/// <para>A session must be opened before it reserves; closing it (or the node's lease running out) releases every
/// reservation it holds on this host and completes its event subscriptions.</para>
/// </remarks>
public interface IHwbpHost : IAsyncDisposable
{
    /// <summary>The host's name, unique in the cluster (e.g. <c>h1</c>, or <c>h1-0</c> when a node simulates several).</summary>
    string Name { get; }

    /// <summary>Architecture, backend and slot counts.</summary>
    HostDescription Description { get; }

    /// <summary>Cancelled once the host has been taken out after a failure of its actors: its state could not be trusted, so it
    /// serves nothing any more (every call fails with <see cref="HostError.Unavailable"/>) and is never restarted empty.</summary>
    CancellationToken Failed { get; }

    /// <summary>The simulator's controls, or null on a real backend.</summary>
    ISimulatedHost? Simulator { get; }

    /// <summary>Makes <paramref name="session"/> known to this host (idempotent for the same id and kind).</summary>
    Task OpenSessionAsync(SessionInfo session, CancellationToken cancellationToken = default);

    /// <summary>Releases every reservation of the session, ends its guest borrows and subscriptions; returns how many were released.</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="reason">Why, for the reservation events: <c>session-closed</c>, <c>lease-expired</c>, ...</param>
    /// <param name="cancellationToken">Cancels the wait, not the release.</param>
    Task<int> CloseSessionAsync(string sessionId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Reserves one breakpoint; waits in the host's queue up to <see cref="ReserveCommand.Wait"/> when there is no room.</summary>
    /// <exception cref="HostException">InvalidArgument, PermissionDenied, NoRoom (naming what holds the slots), NotFound.</exception>
    Task<ReservationView> ReserveAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default);

    /// <summary>Fleet prepare: holds room for one breakpoint without reserving it. The hold is no reservation (not listed, not in
    /// the state, no event, nothing armed), occupies its slots (a later request waits for its outcome rather than being refused
    /// on its account), and is given back by itself after <paramref name="holdTtl"/> unless committed. Never queues or preempts.</summary>
    /// <returns>The reservation as it will be once committed (its id names the hold).</returns>
    /// <exception cref="HostException">As <see cref="ReserveAsync"/> (NoRoom at once instead of waiting).</exception>
    Task<ReservationView> PrepareAsync(string sessionId, ReserveCommand command, TimeSpan holdTtl, CancellationToken cancellationToken = default);

    /// <summary>Fleet commit: the hold becomes the session's reservation (listed, published, armed).</summary>
    /// <exception cref="HostException">Aborted when the hold is no longer there (aborted, expired, or its session closed).</exception>
    Task<ReservationView> CommitAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default);

    /// <summary>Fleet abort: gives the hold's room back; false when it was no longer held (idempotent).</summary>
    Task<bool> AbortAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default);

    /// <summary>Changes address, length and access in place; a change of pool re-checks room and leaves it unchanged when there is none.</summary>
    Task<ReservationView> ModifyAsync(string sessionId, long reservationId, BreakpointSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Releases one reservation of the session.</summary>
    /// <exception cref="HostException">NotFound when the session does not hold it.</exception>
    Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default);

    /// <summary>The host's reservations, all or one session's (null: all).</summary>
    Task<IReadOnlyList<ReservationView>> ListReservationsAsync(string? sessionId, CancellationToken cancellationToken = default);

    /// <summary>What is armed on every CPU now, with the accounting and DR7 images.</summary>
    Task<HostSnapshot> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>A KVM session's guest takes CPU <paramref name="cpu"/>'s registers; returns the host reservations suspended there.</summary>
    Task<IReadOnlyList<long>> EnterGuestAsync(string sessionId, int cpu, IReadOnlyList<BreakpointSpec> guestBreakpoints,
        CancellationToken cancellationToken = default);

    /// <summary>The guest leaves CPU <paramref name="cpu"/>: the host's slot file and DR7 come back exactly; returns the resumed reservations.</summary>
    Task<IReadOnlyList<long>> ExitGuestAsync(string sessionId, int cpu, CancellationToken cancellationToken = default);

    /// <summary>Live hits of the session's reservations, through a bounded buffer that drops (and counts) what a slow reader misses.</summary>
    EventSubscription<HitRecord> WatchHits(string sessionId, int capacity);

    /// <summary>Every state change of the session's reservations, with its reason, through a bounded buffer.</summary>
    EventSubscription<ReservationEvent> WatchReservations(string sessionId, int capacity);
}
