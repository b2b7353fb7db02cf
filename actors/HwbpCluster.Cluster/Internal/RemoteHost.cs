using HwbpCluster.Arbitration;
using HwbpCluster.Cluster.Wire;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>Another node's host as this node serves it: every call goes to the owner's gateway, carrying this node's session.</summary>
/// <remarks>Cheap and stateless: made afresh from the directory on each resolve, so it always names the current owner.</remarks>
internal sealed partial class RemoteHost(HostOwner owner, ClusterCalls calls) : IHwbpHost
{
    public string Name => owner.Description.Name;

    public HostDescription Description => owner.Description;

    /// <summary>Never cancelled here: the owning node takes its own failed host out, and then answers UNAVAILABLE for it.</summary>
    public CancellationToken Failed => CancellationToken.None;

    /// <summary>The simulator's controls are served only by the owning node.</summary>
    public ISimulatedHost? Simulator => null;

    /// <summary>The node that owns this host.</summary>
    public string Node => owner.Node;

    public async Task OpenSessionAsync(SessionInfo session, CancellationToken cancellationToken = default) =>
        await CallAsync(session.SessionId, new HostCall { Describe = new Describe() }, cancellationToken);

    public async Task<int> CloseSessionAsync(string sessionId, string reason, CancellationToken cancellationToken = default)
    {
        if (!calls.Sessions.TryGetValue(sessionId, out var origin))
        {
            return 0;
        }

        var call = new HostCall { Host = Name, Session = origin.ToWire(), Close = new CloseSession { Reason = reason } };
        var released = (await calls.AskAsync(owner, call, TimeSpan.Zero, cancellationToken)).Released;
        origin.Present.TryRemove(Name, out _);
        return released;
    }

    public async Task<ReservationView> ReserveAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default) =>
        Codec.FromWire((await CallAsync(sessionId, new HostCall { Reserve = Codec.ToWire(command) }, cancellationToken, command.Wait)).Reservation);

    public async Task<ReservationView> PrepareAsync(
        string sessionId, ReserveCommand command, TimeSpan holdTtl, CancellationToken cancellationToken = default) =>
        Codec.FromWire((await CallAsync(sessionId, PrepareCall(command, holdTtl), cancellationToken)).Reservation);

    public async Task<ReservationView> CommitAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        Codec.FromWire((await CallAsync(sessionId, CommitCall(reservationId), cancellationToken)).Reservation);

    public async Task<bool> AbortAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        (await CallAsync(sessionId, AbortCall(reservationId), cancellationToken)).Done;

    internal static HostCall PrepareCall(ReserveCommand command, TimeSpan holdTtl) =>
        new() { Prepare = new Prepare { Reserve = Codec.ToWire(command), HoldMs = (uint)Math.Ceiling(holdTtl.TotalMilliseconds) } };

    internal static HostCall CommitCall(long reservationId) => new() { Commit = new Commit { ReservationId = reservationId } };

    internal static HostCall AbortCall(long reservationId) => new() { Abort = new Abort { ReservationId = reservationId } };

    public async Task<ReservationView> ModifyAsync(
        string sessionId, long reservationId, BreakpointSpec spec, CancellationToken cancellationToken = default)
    {
        var call = new HostCall { Modify = new Modify { ReservationId = reservationId, Spec = Codec.ToWire(spec) } };
        return Codec.FromWire((await CallAsync(sessionId, call, cancellationToken)).Reservation);
    }

    public async Task ReleaseAsync(string sessionId, long reservationId, CancellationToken cancellationToken = default) =>
        await CallAsync(sessionId, new HostCall { Release = new Release { ReservationId = reservationId } }, cancellationToken);

    public async Task<IReadOnlyList<ReservationView>> ListReservationsAsync(string? sessionId, CancellationToken cancellationToken = default)
    {
        var call = new HostCall { Host = Name, List = new ListReservations { SessionId = sessionId ?? string.Empty, All = sessionId is null } };
        var reply = await calls.AskAsync(owner, call, TimeSpan.Zero, cancellationToken);
        return [.. reply.Reservations.Items.Select(Codec.FromWire)];
    }

    public async Task<HostSnapshot> GetStateAsync(CancellationToken cancellationToken = default) =>
        Codec.FromWire((await calls.AskAsync(owner, new HostCall { Host = Name, State = new GetState() }, TimeSpan.Zero, cancellationToken)).State);

    public async Task<IReadOnlyList<long>> EnterGuestAsync(
        string sessionId, int cpu, IReadOnlyList<BreakpointSpec> guestBreakpoints, CancellationToken cancellationToken = default)
    {
        var call = new HostCall { EnterGuest = new EnterGuest { Cpu = cpu, GuestBreakpoints = { guestBreakpoints.Select(Codec.ToWire) } } };
        return [.. (await CallAsync(sessionId, call, cancellationToken)).Ids.Items];
    }

    public async Task<IReadOnlyList<long>> ExitGuestAsync(string sessionId, int cpu, CancellationToken cancellationToken = default) =>
        [.. (await CallAsync(sessionId, new HostCall { ExitGuest = new ExitGuest { Cpu = cpu } }, cancellationToken)).Ids.Items];

    /// <summary>Nothing to dispose: the host belongs to its node.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The node that owns this host, as the directory knows it (fleet phases group their calls by it).</summary>
    internal HostOwner Owner => owner;

    /// <summary>The sender this host's calls go through.</summary>
    internal ClusterCalls Calls => calls;

    private async Task<HostReply> CallAsync(string sessionId, HostCall call, CancellationToken cancellationToken, TimeSpan extraWait = default) =>
        await calls.AskAsync(owner, Bind(sessionId, call), extraWait, cancellationToken);

    /// <summary>Addresses <paramref name="call"/> to this host for the session, which from now on is known to be present there.</summary>
    internal HostCall Bind(string sessionId, HostCall call)
    {
        var origin = Origin(sessionId);
        call.Host = Name;
        call.Session = origin.ToWire();

        // Known before the call: a reply lost on the way must not leave a lease there that nobody renews or closes.
        origin.Present[Name] = owner;
        return call;
    }

    internal OriginSessions.Origin Origin(string sessionId) => calls.Sessions.TryGetValue(sessionId, out var origin)
        ? origin
        : throw new HostException(HostError.NotFound, $"session '{sessionId}' is not open on this node");
}
