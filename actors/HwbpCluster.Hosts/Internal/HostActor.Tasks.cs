using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The simulator's tasks: spawn, fork, exit, context switches and accesses.</summary>
internal sealed partial class HostActor
{
    private readonly Dictionary<long, IActorRef<TaskMsg>> _exiting = [];

    private IActorRef<TaskMsg> TaskActorOf(long tid) => _tasks.TryGetValue(tid, out var entry) ? entry.Actor : _exiting[tid];

    private bool TidTaken(long tid) => _tasks.ContainsKey(tid) || _forking.Contains(tid) || _exiting.ContainsKey(tid);

    private long AllocateTid()
    {
        while (TidTaken(++_nextTid))
        {
        }

        return _nextTid;
    }

    private IActorRef<TaskMsg> SpawnTask(long tid) => Context.Spawn(() => new TaskActor(_host, tid), $"task-{tid}-{++_actorNames}");

    private void OnSpawn(HostMsg.Spawn spawn)
    {
        if (spawn.Tid < 0 || (spawn.Tid > 0 && TidTaken(spawn.Tid)))
        {
            spawn.Reply.Tell(Fail<TaskDescription>(HostError.FailedPrecondition, $"task {spawn.Tid} already exists on host {_host.Name}"));
            return;
        }

        var tid = spawn.Tid == 0 ? AllocateTid() : spawn.Tid;
        var description = new TaskDescription(tid, spawn.Name, 0);
        _tasks.Add(tid, new TaskEntry(description, SpawnTask(tid)));
        spawn.Reply.Tell(Reply<TaskDescription>.Ok(description));
    }

    private void OnFork(HostMsg.Fork fork)
    {
        if (!_tasks.TryGetValue(fork.ParentTid, out var parent))
        {
            fork.Reply.Tell(Fail<TaskDescription>(HostError.NotFound, $"task {fork.ParentTid} does not exist on host {_host.Name}"));
            return;
        }

        if (fork.ChildTid < 0 || (fork.ChildTid > 0 && TidTaken(fork.ChildTid)))
        {
            fork.Reply.Tell(Fail<TaskDescription>(HostError.FailedPrecondition, $"task {fork.ChildTid} already exists on host {_host.Name}"));
            return;
        }

        // The child is registered once it holds its copies: until then nobody else can reserve for it.
        var tid = fork.ChildTid == 0 ? AllocateTid() : fork.ChildTid;
        _forking.Add(tid);
        var child = SpawnTask(tid);
        var description = new TaskDescription(tid, parent.Description.Name, fork.ParentTid);
        var tag = new Linearization("fork", 0, string.Empty, fork.ParentTid) { Child = tid };
        parent.Actor.Tell(new TaskMsg.Fork(tid, child, tag, Then<TaskOutcome>(outcome =>
        {
            _forking.Remove(tid);
            _tasks.Add(tid, new TaskEntry(description, child));
            foreach (var copy in outcome.Affected)
            {
                if (_reservations.TryGetValue(copy.OriginalId, out var original) || _releasing.TryGetValue(copy.OriginalId, out original))
                {
                    var record = new ReservationRecord
                    {
                        Id = copy.Id,
                        Session = original.Session,
                        Scope = copy.Cpu >= 0 ? Arbitration.Scope.ForTaskOnCpu(tid, copy.Cpu) : Arbitration.Scope.ForTask(tid),
                        Spec = copy.Spec,
                        Pool = copy.Pool,
                        Pinned = copy.Pinned,
                        Inherit = copy.Inherit,
                        Label = original.Label,
                        Preempted = copy.Suspended,
                    };
                    _reservations.Add(record.Id, record);
                    if (record.Preempted)
                    {
                        _preempted.Add(record.Id);
                    }

                    if (_sessions.ContainsKey(record.Session.SessionId))
                    {
                        Publish(record, "inherited");
                    }
                    else
                    {
                        Drop(record, "session-closed", () => { });
                    }
                }
            }

            fork.Reply.Tell(Reply<TaskDescription>.Ok(description));
        })));
    }

    private void OnExit(HostMsg.Exit exit)
    {
        if (!_tasks.Remove(exit.Tid, out var entry))
        {
            exit.Reply.Tell(Fail<bool>(HostError.NotFound, $"task {exit.Tid} does not exist on host {_host.Name}"));
            return;
        }

        _exiting.Add(exit.Tid, entry.Actor);
        if (entry.RunningCpu >= 0)
        {
            _cpuRunning[entry.RunningCpu] = 0;
            _host.Cpus[entry.RunningCpu].Tell(new CpuMsg.Idle(exit.Tid));
        }

        foreach (var queued in _reservations.Values.Where(r => r.Queued && r.Scope.TaskId == exit.Tid).ToArray())
        {
            _reservations.Remove(queued.Id);
            Dequeue(queued);
            queued.Waiter?.Tell(Fail<ReservationView>(HostError.NotFound, $"task {exit.Tid} exited while the request waited"));
        }

        var tag = new Linearization("exit", 0, string.Empty, exit.Tid);
        entry.Actor.Tell(new TaskMsg.Exit(tag, Then<TaskOutcome>(outcome =>
        {
            _exiting.Remove(exit.Tid);
            foreach (var bp in outcome.Affected)
            {
                if (_reservations.Remove(bp.Id, out var record))
                {
                    _preempted.Remove(record.Id);
                    Publish(record, "task-exited", Hosts.ReservationStatus.Released);
                }
            }

            entry.Actor.Tell(new TaskMsg.Stop());
            exit.Reply.Tell(Reply<bool>.Ok(true));
            Settle();
        })));
    }
}
