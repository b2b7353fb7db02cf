using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Reserve, release, modify, suspend and resume: each a negotiation with the CPUs when it changes the counts.</summary>
internal sealed partial class TaskActor
{
    private void OnReserve(TaskMsg.Reserve reserve)
    {
        var bp = reserve.Bp;
        if (!bp.Counted && reserve.OnHeld is { } holdUncounted)
        {
            // Nothing to hold in the ledgers, but the breakpoint is recorded (and armed) only once the coordinator commits.
            holdUncounted(OnTaskTurn(commit =>
            {
                if (commit)
                {
                    Record(bp);
                }

                Done(() => reserve.Reply.Tell(commit ? TaskOutcome.Done : TaskOutcome.Fail(HostError.NoRoom, "aborted by its coordinator")));
            }));
            return;
        }

        if (!bp.Counted)
        {
            Record(bp);
            _host.Linearized(reserve.Tag, succeeded: true);
            Done(() => reserve.Reply.Tell(TaskOutcome.Done));
            return;
        }

        BeforeIncrease(bp.Cpu, () =>
        {
            var shape = Increase(bp.Cpu, bp.Pool, ArmedWith(bp), reserve.Tag);
            if (reserve.OnHeld is { } onHeld)
            {
                shape = shape with { OnHeld = decide => onHeld(OnTaskTurn(decide)) };
            }

            Negotiate(shape, outcome =>
            {
                if (outcome.Admitted)
                {
                    Record(bp);
                }

                Done(() => reserve.Reply.Tell(outcome.Admitted ? TaskOutcome.Done : TaskOutcome.Fail(HostError.NoRoom, outcome.Holders)));
            });
        });
    }

    private void OnRelease(TaskMsg.Release release)
    {
        if (!_bps.TryGetValue(release.Id, out var bp))
        {
            Done(() => release.Reply.Tell(TaskOutcome.Fail(HostError.NotFound, $"task {_tid} holds no reservation {release.Id}")));
            return;
        }

        if (!bp.Counted)
        {
            Forget(bp.Id);
            _host.Linearized(release.Tag, succeeded: true);
            Done(() => release.Reply.Tell(TaskOutcome.Done));
            return;
        }

        Negotiate(Decrease(bp.Cpu, bp.Pool, ArmedWithout(bp.Id), release.Tag), _ =>
        {
            Forget(bp.Id);
            Done(() => release.Reply.Tell(TaskOutcome.Done));
        });
    }

    private void OnModify(TaskMsg.Modify modify)
    {
        if (!_bps.TryGetValue(modify.Id, out var bp))
        {
            Done(() => modify.Reply.Tell(TaskOutcome.Fail(HostError.NotFound, $"task {_tid} holds no reservation {modify.Id}")));
            return;
        }

        var updated = bp with { Spec = modify.Spec, Pool = modify.Pool };
        if (!bp.Counted || bp.Pool == modify.Pool)
        {
            Forget(bp.Id);
            Record(updated);
            _host.Linearized(modify.Tag, succeeded: true);
            Done(() => modify.Reply.Tell(TaskOutcome.Done));
            return;
        }

        // Pools are accounted separately: hold room in the new pool and mark the old pool's decrease in one chain.
        var up = Increase(bp.Cpu, modify.Pool, ArmedWith(updated), modify.Tag);
        var down = Decrease(bp.Cpu, bp.Pool, ArmedWith(updated), modify.Tag);
        var shape = Combine(up, down);
        Negotiate(shape, outcome =>
        {
            if (outcome.Admitted)
            {
                Forget(bp.Id);
                Record(updated);
            }

            Done(() => modify.Reply.Tell(outcome.Admitted ? TaskOutcome.Done : TaskOutcome.Fail(HostError.NoRoom, outcome.Holders)));
        });
    }

    private void OnSuspend(TaskMsg.Suspend suspend)
    {
        if (!_bps.TryGetValue(suspend.Id, out var bp) || !bp.Counted)
        {
            Done(() => suspend.Reply.Tell(TaskOutcome.Fail(HostError.FailedPrecondition, $"reservation {suspend.Id} holds no slot")));
            return;
        }

        var suspended = bp with { Suspended = true };
        Negotiate(Decrease(bp.Cpu, bp.Pool, ArmedWith(suspended), null), _ =>
        {
            _ledger.SetCounted(bp.Id, counted: false);
            _bps[bp.Id] = suspended;
            Done(() => suspend.Reply.Tell(TaskOutcome.Done));
        });
    }

    private void OnResume(TaskMsg.Resume resume)
    {
        if (!_bps.TryGetValue(resume.Id, out var bp) || !bp.Suspended)
        {
            Done(() => resume.Reply.Tell(TaskOutcome.Fail(HostError.FailedPrecondition, $"reservation {resume.Id} is not suspended")));
            return;
        }

        var active = bp with { Suspended = false };
        BeforeIncrease(bp.Cpu, () => Negotiate(Increase(bp.Cpu, bp.Pool, ArmedWith(active), null), outcome =>
        {
            if (outcome.Admitted)
            {
                _ledger.SetCounted(bp.Id, counted: true);
                _bps[bp.Id] = active;
            }

            Done(() => resume.Reply.Tell(outcome.Admitted ? TaskOutcome.Done : TaskOutcome.Fail(HostError.NoRoom, outcome.Holders)));
        }));
    }

    // The host decides a held reserve on its own turn; the negotiation's state is this actor's, so the decision comes back here.
    private Action<bool> OnTaskTurn(Action<bool> decide) => commit => Self.Tell(new TaskMsg.Continue(() => decide(commit)));

    private void Record(TaskBp bp)
    {
        _bps[bp.Id] = bp;
        _ledger.Add(new TaskBreakpoint(bp.Id, bp.Pool, bp.Cpu, bp.Counted));
    }

    private void Forget(long id)
    {
        _bps.Remove(id);
        _ledger.Remove(id, out _);
    }
}
