using HwbpCluster.Hosts.Internal.HostParts;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One host: a state machine that composes the parts in <see cref="HostParts"/> and routes each message to the one whose job it is.</summary>
/// <remarks>
/// Never blocks: every negotiation is a chain of messages whose end comes back as a continuation on this actor's turn, so
/// many requests are in flight at once and the CPUs' holds (not this actor) decide their order. Each part owns its state;
/// they meet only through the methods they call on each other, wired once here (docs/ARCHITECTURE.md draws the graph).
/// </remarks>
internal sealed class HostActor : Actor<HostMsg>
{
    private readonly HostTurn _turn;
    private readonly SessionTable _sessions;
    private readonly ReservationRegistry _registry;
    private readonly EventPublisher _publisher;
    private readonly TaskTable _tasks;
    private readonly TaskLifecycle _lifecycle;
    private readonly Admission _admission;
    private readonly WaitingRoom _queue;
    private readonly Releases _releases;
    private readonly SessionClosing _closing;
    private readonly Modifications _modifications;
    private readonly FleetHolds _holds;
    private readonly GuestBorrows _guests;
    private readonly CpuGather _gather;
    private readonly LedgerCensus _census;

    public HostActor(HostSettings settings)
    {
        var hits = new HitFanOut();
        var host = new HostContext
        {
            Name = settings.Name,
            Profile = settings.Profile,
            Backend = settings.Backend,
            Slice = settings.Slice,
            MaxWait = settings.MaxWait,
            Epoch = Context.Time.GetUtcNow(),
            Host = Self,
            Hits = hits,
            Probe = settings.Probe,
            FirstReservationId = settings.FirstReservationId,
        };
        host.Cpus = host.AllCpus.Select(c => Context.Spawn(() => new CpuActor(host, c), $"cpu-{c}")).ToArray();
        host.Summary = Context.Spawn(() => new SummaryActor(host), "summary");

        _turn = new HostTurn(host, Context);
        _sessions = new SessionTable(_turn);
        _publisher = new EventPublisher(_turn, _sessions, hits);
        _registry = new ReservationRegistry(hits);
        _tasks = new TaskTable(_turn);
        var room = new RoomKeeper(_turn, _tasks);
        var preemption = new Preemption(_turn, _registry, _tasks, room, _publisher);
        _queue = new WaitingRoom(_turn, _registry, _publisher);
        _releases = new Releases(_turn, _registry, _tasks, room, _queue, preemption, _publisher);
        var settler = new Settler(_turn, _registry, _queue, preemption, room, _publisher, _releases);
        _releases.RoomReturned = settler.Settle;
        _queue.Left = settler.Settle;
        _admission = new Admission(_turn, _sessions, _registry, _tasks, room, preemption, _queue, _releases, _publisher);
        _holds = new FleetHolds(_turn, _admission, room);
        _guests = new GuestBorrows(_turn, _sessions, _registry, _publisher);
        _closing = new SessionClosing(_turn, _sessions, _registry, _holds, _guests, _releases, _publisher);
        _modifications = new Modifications(_turn, _registry, _tasks, _publisher, settler.Settle);
        _lifecycle = new TaskLifecycle(_turn, _sessions, _registry, _tasks, _queue, preemption, _releases, _publisher, settler.Settle);
        _gather = new CpuGather(_turn);
        _census = new LedgerCensus(_turn, _gather);
    }

    protected internal override void Receive(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.Continue run:
                run.Action();
                break;
            case HostMsg.OpenSession open:
                OnOpen(open);
                break;
            case HostMsg.CloseSession close:
                _closing.OnClose(close);
                break;
            case HostMsg.ProcessTasks ask:
                _admission.OnProcessTasks(ask);
                break;
            case HostMsg.Reserve reserve:
                _admission.OnReserve(reserve);
                break;
            case HostMsg.Withdraw withdraw:
                _admission.OnWithdraw(withdraw.Reply);
                break;
            case HostMsg.WaitExpired expired:
                _queue.OnWaitExpired(expired.Id);
                break;
            case HostMsg.Modify modify:
                _modifications.OnModify(modify);
                break;
            case HostMsg.Release release:
                _releases.OnRelease(release);
                break;
            case HostMsg.List list:
                list.Reply.Tell(Reply<IReadOnlyList<ReservationView>>.Ok(_registry.Of(list.SessionId).Select(r => r.View(_turn.Name)).ToArray()));
                break;
            default:
                ReceiveMore(message);
                break;
        }
    }

    protected internal override void PostStop() => _publisher.Stopped();

    private void OnOpen(HostMsg.OpenSession open)
    {
        var opened = _sessions.Open(open.Session);
        if (opened.Value)
        {
            _publisher.Opened(open.Session.SessionId);
        }

        open.Reply.Tell(opened);
    }

    private void ReceiveMore(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.Prepare prepare:
                _holds.OnPrepare(prepare);
                break;
            case HostMsg.Commit commit:
                _holds.OnCommit(commit);
                break;
            case HostMsg.Abort abort:
                _holds.OnAbort(abort);
                break;
            case HostMsg.HoldsExpire:
                _holds.OnExpire();
                break;
            case HostMsg.EnterGuest enter:
                _guests.OnEnter(enter);
                break;
            case HostMsg.ExitGuest exit:
                _guests.OnExit(exit);
                break;
            default:
                ReceiveTasks(message);
                break;
        }
    }

    private void ReceiveTasks(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.Spawn spawn:
                _tasks.OnSpawn(spawn);
                break;
            case HostMsg.Fork fork:
                _lifecycle.OnFork(fork);
                break;
            case HostMsg.Exit exit:
                _lifecycle.OnExit(exit);
                break;
            case HostMsg.Run run:
                _tasks.OnRun(run);
                break;
            case HostMsg.Access access:
                _tasks.OnAccess(access);
                break;
            default:
                ReceiveReports(message);
                break;
        }
    }

    // What CPUs report, the feeds and the state views.
    private void ReceiveReports(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.BackendRefused refused when _registry.TryGet(refused.Id, out var record):
                _publisher.Publish(record, $"backend-refused on cpu {refused.Cpu}: {refused.Reason}");
                break;
            case HostMsg.FlexTimes times when _registry.TryGet(times.Id, out var flexible):
                flexible.AddFlexTimes(times.Times, times.Final);
                break;
            case HostMsg.WatchHits watch:
                _publisher.WatchHits(watch.SessionId, watch.Subscription);
                break;
            case HostMsg.WatchEvents watch:
                _publisher.Watch(watch.SessionId, new ClientMsg.WatchEvents(watch.Subscription), watch.Subscription.Complete);
                break;
            case HostMsg.Unwatch unwatch:
                _publisher.Unwatch(unwatch.SessionId, unwatch.Subscription);
                break;
            case HostMsg.State state:
                _census.Snapshots(snapshots => state.Reply.Tell(
                    Reply<HostSnapshot>.Ok(new HostSnapshot(new HostDescription(_turn.Name, _turn.Profile, "sim"), snapshots))));
                break;
            case HostMsg.Counts counts:
                _census.Take(all => counts.Reply.Tell(Reply<IReadOnlyList<LedgerCounts>>.Ok(all)));
                break;
            default:
                break;
        }
    }
}
