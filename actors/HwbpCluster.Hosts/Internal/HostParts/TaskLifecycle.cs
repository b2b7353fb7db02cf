namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Fork and exit: what they do to reservations (the child's inherited copies; the exiting task's released ones).</summary>
/// <remarks>
/// A fork its task actor handles before a concurrent release still copies the reservation (the registry keeps records being
/// released known). A copy whose session closed meanwhile is released at once.
/// </remarks>
internal sealed class TaskLifecycle(
    HostTurn turn, SessionTable sessions, ReservationRegistry registry, TaskTable tasks, WaitingRoom queue, Preemption preemption,
    Releases releases, EventPublisher publisher, Action settle)
{
    public void OnFork(HostMsg.Fork fork)
    {
        if (!tasks.TryGet(fork.ParentTid, out var parent))
        {
            fork.Reply.Tell(Reply<TaskDescription>.Fail(HostError.NotFound, $"task {fork.ParentTid} does not exist on host {turn.Name}"));
            return;
        }

        // The child is registered once it holds its copies: until then nobody else can reserve for it.
        if (tasks.BeginFork(fork.ChildTid, fork.Reply) is not { } forked)
        {
            return;
        }

        var (tid, child) = forked;
        var description = new TaskDescription(tid, parent.Description.Name, fork.ParentTid);
        var tag = new Linearization("fork", 0, string.Empty, fork.ParentTid) { Child = tid };
        parent.Actor.Tell(new TaskMsg.Fork(tid, child, tag, turn.Then<TaskOutcome>(outcome =>
        {
            tasks.EndFork(description, child);
            foreach (var copy in outcome.Affected)
            {
                if (registry.TryGetKnown(copy.OriginalId, out var original))
                {
                    Inherit(original, copy, tid);
                }
            }

            fork.Reply.Tell(Reply<TaskDescription>.Ok(description));
        })));
    }

    public void OnExit(HostMsg.Exit exit)
    {
        if (!tasks.BeginExit(exit.Tid, out var entry))
        {
            exit.Reply.Tell(Reply<bool>.Fail(HostError.NotFound, $"task {exit.Tid} does not exist on host {turn.Name}"));
            return;
        }

        var waiting = registry.All.Where(r => r.Queued && r.Scope.TaskId == exit.Tid).ToArray();
        foreach (var queued in waiting)
        {
            registry.Remove(queued.Id);
            queue.Dequeue(queued);
            queued.Waiter?.Tell(Reply<ReservationView>.Fail(HostError.NotFound, $"task {exit.Tid} exited while the request waited"));
        }

        var tag = new Linearization("exit", 0, string.Empty, exit.Tid);
        entry.Actor.Tell(new TaskMsg.Exit(tag, turn.Then<TaskOutcome>(outcome =>
        {
            tasks.EndExit(exit.Tid);
            foreach (var bp in outcome.Affected)
            {
                if (registry.Remove(bp.Id, out var record))
                {
                    preemption.Forget(record.Id);
                    publisher.Publish(record, "task-exited", ReservationStatus.Released);
                }
            }

            entry.Actor.Tell(new TaskMsg.Stop());
            exit.Reply.Tell(Reply<bool>.Ok(true));

            // As in the pure core: a task that held or awaited nothing gives nothing back, so nothing is offered.
            if (waiting.Length > 0 || outcome.Affected.Count > 0)
            {
                settle();
            }
        })));
    }

    private void Inherit(ReservationRecord original, TaskBp copy, long child)
    {
        var record = new ReservationRecord
        {
            Id = copy.Id,
            Session = original.Session,
            Scope = copy.Cpu >= 0 ? Arbitration.Scope.ForTaskOnCpu(child, copy.Cpu) : Arbitration.Scope.ForTask(child),
            Spec = copy.Spec,
            Pool = copy.Pool,
            Pinned = copy.Pinned,
            Inherit = copy.Inherit,
            Label = original.Label,
            Preempted = copy.Suspended,
            Process = original.Process,
        };
        registry.Add(record);
        if (record.Preempted)
        {
            preemption.Suspended(record.Id);
        }

        if (sessions.IsOpen(record.Session.SessionId))
        {
            publisher.Publish(record, "inherited");
        }
        else
        {
            releases.Drop(record, "session-closed", () => { });
        }
    }
}
