using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The HostActor's protocol: the facade's requests, and what its CPUs and tasks report back.</summary>
internal abstract record HostMsg
{
    public sealed record OpenSession(SessionInfo Session, IActorRef<Reply<bool>> Reply) : HostMsg;

    public sealed record CloseSession(string SessionId, string Reason, IActorRef<Reply<int>> Reply) : HostMsg;

    public sealed record Reserve(string SessionId, ReserveCommand Command, IActorRef<Reply<ReservationView>> Reply) : HostMsg;

    /// <summary>
    /// A process scope, before it is expanded: the pure core's verdict on it for this session, then the process's tasks
    /// (empty when it has none here). The caller then reserves one inherited task reservation per task.
    /// </summary>
    public sealed record ProcessTasks(string SessionId, ReserveCommand Command, IActorRef<Reply<IReadOnlyList<long>>> Reply) : HostMsg;

    /// <summary>Fleet prepare: hold room for the reservation (invisible, unarmed) until a Commit or Abort, or for <paramref name="Ttl"/>.</summary>
    public sealed record Prepare(string SessionId, ReserveCommand Command, TimeSpan Ttl, IActorRef<Reply<ReservationView>> Reply) : HostMsg;

    /// <summary>Fleet commit: the held reservation becomes an ordinary one (registered, published, armed).</summary>
    public sealed record Commit(string SessionId, long Id, IActorRef<Reply<ReservationView>> Reply) : HostMsg;

    /// <summary>Fleet abort: the held room is given back; the reply says whether it was still held.</summary>
    public sealed record Abort(string SessionId, long Id, IActorRef<Reply<bool>> Reply) : HostMsg;

    /// <summary>The earliest hold's deadline may have passed.</summary>
    public sealed record HoldsExpire : HostMsg;

    public sealed record Modify(string SessionId, long Id, BreakpointSpec Spec, IActorRef<Reply<ReservationView>> Reply) : HostMsg;

    public sealed record Release(string SessionId, long Id, IActorRef<Reply<bool>> Reply) : HostMsg;

    public sealed record List(string? SessionId, IActorRef<Reply<IReadOnlyList<ReservationView>>> Reply) : HostMsg;

    public sealed record EnterGuest(string SessionId, int Cpu, IReadOnlyList<BreakpointSpec> Guest, IActorRef<Reply<IReadOnlyList<long>>> Reply)
        : HostMsg;

    public sealed record ExitGuest(string SessionId, int Cpu, IActorRef<Reply<IReadOnlyList<long>>> Reply) : HostMsg;

    public sealed record State(IActorRef<Reply<HostSnapshot>> Reply) : HostMsg;

    /// <summary>Every CPU ledger's counts, for model checks.</summary>
    public sealed record Counts(IActorRef<Reply<IReadOnlyList<LedgerCounts>>> Reply) : HostMsg;

    public sealed record WatchHits(string SessionId, EventSubscription<HitRecord> Subscription) : HostMsg;

    public sealed record WatchEvents(string SessionId, EventSubscription<ReservationEvent> Subscription) : HostMsg;

    public sealed record Unwatch(string SessionId, object Subscription) : HostMsg;

    public sealed record Spawn(long Tid, string Name, IActorRef<Reply<TaskDescription>> Reply) : HostMsg;

    public sealed record Fork(long ParentTid, long ChildTid, IActorRef<Reply<TaskDescription>> Reply) : HostMsg;

    public sealed record Exit(long Tid, IActorRef<Reply<bool>> Reply) : HostMsg;

    public sealed record Run(long Tid, int Cpu, IActorRef<Reply<bool>> Reply) : HostMsg;

    public sealed record Access(long Tid, ulong Address, int Length, Arbitration.Access Kind, ulong Ip,
        IActorRef<Reply<IReadOnlyList<HitRecord>>> Reply) : HostMsg;

    /// <summary>A flexible reservation's times on one CPU (final: it left that CPU's rotation).</summary>
    public sealed record FlexTimes(long Id, FlexibleTimes Times, bool Final) : HostMsg;

    public sealed record WaitExpired(long Id) : HostMsg;

    /// <summary>The caller of a Reserve stopped waiting (cancelled, or its deadline passed): whatever the request got is given back.</summary>
    public sealed record Withdraw(IActorRef<Reply<ReservationView>> Reply) : HostMsg;

    /// <summary>The register backend could not arm a reservation on a CPU (e.g. ENOSPC from a user outside our accounting).</summary>
    public sealed record BackendRefused(long Id, int Cpu, string Reason) : HostMsg;

    /// <summary>A continuation to run on the host actor's own turn (replies from CPUs and tasks).</summary>
    public sealed record Continue(Action Action) : HostMsg;
}
