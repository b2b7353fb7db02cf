using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One host: the registry of CPUs, tasks, sessions and reservations; it hands out ids and coordinates CPU-bound and wide negotiations.</summary>
/// <remarks>
/// Never blocks: every negotiation is a chain of messages whose end comes back as a continuation on this actor's turn,
/// so many requests are in flight at once and the CPUs' holds (not this actor) decide their order.
/// </remarks>
internal sealed partial class HostActor : Actor<HostMsg>
{
    private readonly HostContext _host;
    private readonly Dictionary<string, (SessionInfo Info, IActorRef<ClientMsg> Client)> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ReservationRecord> _reservations = [];
    private readonly Dictionary<long, TaskEntry> _tasks = [];
    private readonly HashSet<long> _forking = [];
    private readonly long[] _cpuRunning;
    private long _nextTid = 1000;
    private long _actorNames;

    public HostActor(HostSettings settings)
    {
        _host = new HostContext
        {
            Name = settings.Name,
            Profile = settings.Profile,
            Backend = settings.Backend,
            Slice = settings.Slice,
            MaxWait = settings.MaxWait,
            Epoch = Context.Time.GetUtcNow(),
            Host = Self,
            Probe = settings.Probe,
            FirstReservationId = settings.FirstReservationId,
        };
        _host.Cpus = _host.AllCpus.Select(c => Context.Spawn(() => new CpuActor(_host, c), $"cpu-{c}")).ToArray();
        _cpuRunning = new long[settings.Profile.CpuCount];
    }

    private ArchProfile Profile => _host.Profile;

    private DateTimeOffset Now => Context.Time.GetUtcNow();

    protected internal override void Receive(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.Continue run:
                run.Action();
                break;
            case HostMsg.OpenSession open:
                open.Reply.Tell(OnOpen(open.Session));
                break;
            case HostMsg.CloseSession close:
                OnClose(close);
                break;
            case HostMsg.Reserve reserve:
                OnReserve(reserve);
                break;
            case HostMsg.Modify modify:
                OnModify(modify);
                break;
            case HostMsg.Release release:
                OnRelease(release);
                break;
            case HostMsg.List list:
                list.Reply.Tell(Reply<IReadOnlyList<ReservationView>>.Ok(_reservations.Values
                    .Where(r => list.SessionId is null || r.Session.SessionId == list.SessionId)
                    .OrderBy(r => r.Id)
                    .Select(r => r.View(_host.Name))
                    .ToArray()));
                break;
            default:
                ReceiveMore(message);
                break;
        }
    }

    private Reply<bool> OnOpen(SessionInfo session)
    {
        if (_sessions.TryGetValue(session.SessionId, out var known))
        {
            return known.Info.Kind == session.Kind
                ? Reply<bool>.Ok(false)
                : Reply<bool>.Fail(HostError.FailedPrecondition, $"session {session.SessionId} is already open as {known.Info.Kind}");
        }

        var client = Context.Spawn(() => new ClientActor(), $"{session.Kind.ToString().ToLowerInvariant()}-{++_actorNames}-{ActorNames.Part(session.SessionId, 40)}");
        _sessions.Add(session.SessionId, (session, client));
        return Reply<bool>.Ok(true);
    }

    private void Publish(ReservationRecord record, string reason, ReservationStatus? status = null) =>
        SessionClient(record)?.Tell(new ClientMsg.Event(new ReservationEvent(record.View(_host.Name, status), reason, Now)));

    private IActorRef<T> Then<T>(Action<T> continuation) => Self.Adapt<T, HostMsg>(value => new HostMsg.Continue(() => continuation(value)));

    private void Negotiate(PlanShape shape, Action<NegotiationOutcome> done) =>
        Negotiation.Start(_host, Self, action => new HostMsg.Continue(action), shape, done);

    private static Reply<T> Fail<T>(HostError error, string message) => Reply<T>.Fail(error, message);

    // Null when the host has this CPU; else the NotFound message.
    private string? NoSuchCpu(int cpu) =>
        cpu >= 0 && cpu < Profile.CpuCount ? null : $"cpu {cpu} does not exist; host {_host.Name} has cpus 0 to {Profile.CpuCount - 1}";
}
