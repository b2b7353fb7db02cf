using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Taking and giving back a reservation's room: through its task's actor, or as a CPU-bound or wide negotiation.</summary>
internal sealed class RoomKeeper(HostTurn turn, TaskTable tasks)
{
    // CPU-bound reservations whose decrease is under way, with whoever waits for it.
    private readonly Dictionary<long, List<Action>> _leaving = [];

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

        // The summary first: CPU k's room depends on the uniform tasks' maximum there, CPU k's ledger on the others'. While no
        // task is counted in the CPU ledgers the summary decides alone and tells the CPUs (see NegotiationRun.Start).
        var shape = new PlanShape(CpusOf(scope), [LedgerChange.AddCpuBound(record.Pool, record.Id)], null)
        {
            Summary = SummaryPart.Up(SummaryChange.AddCpuBound(record.Pool, record.Id, SummaryCpu(scope))),
            Effect = new CpuBoundEffect(record.Id, record.Spec, record.Pool),
            Tag = tag,
            OnHeld = onHeld,
        };
        turn.Negotiate(shape, done);
    }

    /// <summary>Gives back a CPU-bound or wide reservation's counts: marked in the summary and on its CPUs before it applies anywhere.</summary>
    /// <remarks>Marked everywhere first, so no ledger refuses on a count already leaving; applied on the CPUs before the
    /// summary (see <see cref="NegotiationRun"/>), so no CPU arms another's breakpoint while it still arms this one.</remarks>
    public void UncountCpuBound(ReservationRecord record, Linearization? tag, Action then)
    {
        if (_leaving.TryGetValue(record.Id, out var waiting))
        {
            // Already leaving (a release racing the preemption that suspends it): one decrease, both continue after it.
            turn.Host.Linearized(tag, succeeded: true);
            waiting.Add(then);
            return;
        }

        _leaving.Add(record.Id, [then]);
        var shape = new PlanShape(CpusOf(record.Scope), null, [[LedgerChange.RemoveCpuBound(record.Pool, record.Id)]])
        {
            Summary = SummaryPart.Down(SummaryChange.RemoveCpuBound(record.Pool, record.Id, SummaryCpu(record.Scope))),
            Effect = new CpuBoundEffect(record.Id, null, record.Pool),
            Tag = tag,
        };
        turn.Negotiate(shape, _ =>
        {
            _leaving.Remove(record.Id, out var continuations);
            foreach (var continuation in continuations!)
            {
                continuation();
            }
        });
    }

    /// <summary>The CPUs of a CPU-bound or wide scope.</summary>
    public int[] CpusOf(Scope scope) => scope.Kind == ScopeKind.Cpu ? [scope.Cpu] : turn.Host.AllCpus;

    /// <summary>The summary's name for a CPU-bound or wide scope: its CPU, or -1 for every CPU.</summary>
    public static int SummaryCpu(Scope scope) => scope.Kind == ScopeKind.Cpu ? scope.Cpu : -1;

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
