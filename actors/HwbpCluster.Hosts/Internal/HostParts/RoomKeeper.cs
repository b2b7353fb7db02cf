using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Taking and giving back a reservation's room: through its task's actor, or as a CPU-bound or wide negotiation.</summary>
internal sealed class RoomKeeper(HostTurn turn, TaskTable tasks)
{
    /// <summary>One try at taking the record's room (or, flexible, joining the rotation); a refusal changes nothing anywhere.</summary>
    /// <remarks>
    /// With <paramref name="onHeld"/> (a fleet prepare), the room is only held: onHeld gets, on the host actor's turn, the
    /// decision to make later, and <paramref name="done"/> follows that decision (admitted after a commit, not after an abort).
    /// </remarks>
    public void Attempt(ReservationRecord record, Linearization? tag, Action<NegotiationOutcome> done, Action<Action<bool>>? onHeld = null)
    {
        var scope = record.Scope;
        if (scope.IsTaskBound)
        {
            var bp = new TaskBp(record.Id, record.Spec, record.Pool, scope.Kind == ScopeKind.TaskOnCpu ? scope.Cpu : -1,
                record.Pinned, record.Inherit, Suspended: false, OriginalId: 0);
            Action<Action<bool>>? heldHere = onHeld is null ? null : decide => turn.Later(() => onHeld(decide));
            tasks.ActorOf(scope.TaskId).Tell(new TaskMsg.Reserve(bp, tag, turn.Then<TaskOutcome>(o =>
                done(new NegotiationOutcome(o.Ok, o.Reason, -1))), heldHere));
            return;
        }

        if (!record.Pinned && onHeld is not null)
        {
            // A flexible reservation takes no room; it joins the rotation only once committed.
            onHeld(commit =>
            {
                if (commit)
                {
                    turn.Cpus[scope.Cpu].Tell(new CpuMsg.AddFlexible(record.Id, record.Spec, record.Pool));
                }

                done(new NegotiationOutcome(commit, commit ? string.Empty : "aborted by its coordinator", -1));
            });
            return;
        }

        if (!record.Pinned)
        {
            turn.Cpus[scope.Cpu].Tell(new CpuMsg.AddFlexible(record.Id, record.Spec, record.Pool));
            turn.Host.Linearized(tag, succeeded: true);

            done(new NegotiationOutcome(true, string.Empty, -1));
            return;
        }

        var cpus = scope.Kind == ScopeKind.Cpu ? [scope.Cpu] : turn.Host.AllCpus;
        var shape = new PlanShape(cpus, [LedgerChange.AddCpuBound(record.Pool, record.Id)], null)
        {
            Effect = new CpuBoundEffect(record.Id, record.Spec, record.Pool),
            Tag = tag,
            OnHeld = onHeld,
        };
        turn.Negotiate(shape, done);
    }

    /// <summary>Gives back a CPU-bound or wide reservation's counts (wide: marked on every CPU before it applies anywhere).</summary>
    public void UncountCpuBound(ReservationRecord record, Linearization? tag, Action then)
    {
        if (record.Scope.Kind == ScopeKind.Cpu)
        {
            turn.Cpus[record.Scope.Cpu].Tell(new CpuMsg.ReleaseCpuBound(record.Id, record.Pool, tag, turn.Then<bool>(_ => then())));
            return;
        }

        // Wide: the decrease is marked on every CPU before it applies anywhere, so no CPU refuses on a count already leaving.
        var shape = new PlanShape(turn.Host.AllCpus, null, [[LedgerChange.RemoveCpuBound(record.Pool, record.Id)]])
        {
            Effect = new CpuBoundEffect(record.Id, null, record.Pool),
            Tag = tag,
        };
        turn.Negotiate(shape, _ => then());
    }

    /// <summary>A try that was in flight when the record was dropped took room after all: give it back.</summary>
    public void GiveBack(ReservationRecord record, Action then)
    {
        if (!record.Scope.IsTaskBound)
        {
            UncountCpuBound(record, null, then);
        }
        else if (tasks.TryGet(record.Scope.TaskId, out var task))
        {
            task.Actor.Tell(new TaskMsg.Release(record.Id, null, turn.Then<TaskOutcome>(_ => then())));
        }
        else
        {
            then();
        }
    }
}
