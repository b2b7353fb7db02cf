using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal.Runtime;
using AkkaSystem = Akka.Actor.ActorSystem;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The node's view of one host: each call is one message to the host's subtree and an awaited reply, bounded at this edge.</summary>
/// <remarks>
/// The only place that waits for an actor: every call has a timeout (the host's request timeout, plus the wait of a queued
/// Reserve) and the caller's token. A Reserve whose caller stops waiting is withdrawn, so nothing is granted that nobody
/// learns about. Once the host is taken out (<see cref="TakeOut"/>), every call, pending or new, fails with Unavailable.
/// </remarks>
internal sealed partial class HostFacade : IHwbpHost, ISimulatedHost, ITaskRegistry
{
    private readonly AkkaSystem _system;
    private readonly Akka.Actor.IActorRef _subtree;
    private readonly IActorRef<HostMsg> _host;
    private readonly HostSettings _settings;
    private readonly bool _ownsSystem;
    private readonly bool _simulates;
    private readonly CancellationTokenSource _takenOut = new();
    private string _failure = string.Empty;
    private int _disposed;

    public HostFacade(AkkaSystem system, Akka.Actor.IActorRef subtree, HostSettings settings, HostDescription description, bool ownsSystem, bool simulates)
    {
        _simulates = simulates;
        _system = system;
        _subtree = subtree;
        _host = new ActorRef<HostMsg>(subtree);
        _settings = settings;
        _ownsSystem = ownsSystem;
        Description = description;
    }

    public string Name => Description.Name;

    public HostDescription Description { get; }

    public ISimulatedHost? Simulator => _simulates ? this : null;

    public CancellationToken Failed => _takenOut.Token;

    /// <summary>The root of the host's actors (its supervisor).</summary>
    internal Akka.Actor.IActorRef Subtree => _subtree;

    /// <summary>Why the host was taken out; empty while it serves.</summary>
    internal string FailureMessage => _failure;

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
        if (command.Scope.Kind == ScopeKind.Process)
        {
            return await ReserveProcessAsync(sessionId, command, cancellationToken);
        }

        IActorRef<Reply<ReservationView>>? caller = null;
        var wait = command.Wait > TimeSpan.Zero && command.Wait <= _settings.MaxWait ? command.Wait : TimeSpan.Zero;
        try
        {
            return await Call<ReservationView>(r => new HostMsg.Reserve(sessionId, command, caller = r), cancellationToken, wait);
        }
        catch (Exception ex) when (caller is not null && ex is OperationCanceledException or HostException { Error: HostError.Unavailable })
        {
            // The caller stopped waiting: the host must not grant (or keep) what nobody will learn about.
            _host.Tell(new HostMsg.Withdraw(caller));
            throw;
        }
    }

    public Task<ReservationView> PrepareAsync(string sessionId, ReserveCommand command, TimeSpan holdTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);

        // A caller that stops waiting leaves the hold to its deadline: it is invisible and gives its room back by itself.
        return Call<ReservationView>(r => new HostMsg.Prepare(sessionId, command, holdTtl, r), cancellationToken);
    }

    public Task<ReservationView> CommitAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        Call<ReservationView>(r => new HostMsg.Commit(sessionId, reservationId, r), cancellationToken);

    public Task<bool> AbortAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        Call<bool>(r => new HostMsg.Abort(sessionId, reservationId, r), cancellationToken);

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
        var subscription = new EventSubscription<HitRecord>(capacity, s => _host.Tell(new HostMsg.Unwatch(sessionId, s)));
        _host.Tell(new HostMsg.WatchHits(sessionId, subscription));
        return subscription;
    }

    public EventSubscription<ReservationEvent> WatchReservations(string sessionId, int capacity)
    {
        var subscription = new EventSubscription<ReservationEvent>(capacity, s => _host.Tell(new HostMsg.Unwatch(sessionId, s)));
        _host.Tell(new HostMsg.WatchEvents(sessionId, subscription));
        return subscription;
    }

    /// <summary>Every CPU ledger's counts, for model checks in tests.</summary>
    internal Task<IReadOnlyList<LedgerCounts>> CountsAsync() => Call<IReadOnlyList<LedgerCounts>>(r => new HostMsg.Counts(r), default);

    /// <summary>Called by the host's supervisor when an actor of the host failed: the host serves nothing from now on.</summary>
    internal void TakeOut(Exception cause)
    {
        _failure = $"host {Name} was taken out after a failure of its actors ({cause.GetType().Name}: {cause.Message}); its state could not be trusted";
        HostLog.TakenOut(_settings.Log, Name, cause);
        _takenOut.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ownsSystem)
        {
            await _system.Terminate();
        }
        else
        {
            // After what is already queued for the host: those callers are answered first.
            _subtree.Tell(Akka.Actor.PoisonPill.Instance, Akka.Actor.ActorRefs.NoSender);
        }
    }

    private async Task<T> Call<T>(Func<IActorRef<Reply<T>>, HostMsg> build, CancellationToken cancellationToken, TimeSpan wait = default)
    {
        if (_takenOut.IsCancellationRequested)
        {
            throw new HostException(HostError.Unavailable, _failure);
        }

        var reply = new PromiseRef<Reply<T>>(_settings.SynchronousReplies);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _takenOut.Token);
        _host.Tell(build(reply));
        var limit = _settings.RequestTimeout + wait;
        try
        {
            return (await reply.Task.WaitAsync(limit, _settings.Time, bound.Token)).Unwrap();
        }
        catch (OperationCanceledException) when (_takenOut.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HostException(HostError.Unavailable, _failure);
        }
        catch (TimeoutException)
        {
            throw new HostException(HostError.Unavailable, $"host {Name} did not answer within {limit.TotalSeconds:0.###} s");
        }
    }
}
