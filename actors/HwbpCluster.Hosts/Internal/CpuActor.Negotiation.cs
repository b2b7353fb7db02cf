using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The CPU's part of the chained two-phase protocol: hold and forward, park, refuse, commit, abort.</summary>
internal sealed partial class CpuActor
{
    private void OnChain(Plan plan, int index)
    {
        if (plan.FanOut)
        {
            OnOptimistic(plan, index);
            return;
        }

        // Strict FIFO behind parked prepares: a newcomer never overtakes one already waiting, so each waits a bounded time.
        if (_parked.Count > 0 || !TryAdvance(plan, index))
        {
            _host.Probe?.Parked(_cpu);
            _parked.Add((plan, index));
            return;
        }

        ReEvaluate();
    }

    // False when the prepare must wait for a pending hold or decrease here to be decided.
    private bool TryAdvance(Plan plan, int index)
    {
        if (plan.IncreaseAt(index) is { } change)
        {
            var decision = _ledger.Evaluate(change);
            if (decision == HoldDecision.Refuse && _marked == 0)
            {
                var holders = _ledger.Explain(change).ToString();
                _host.Linearized(plan.Tag, succeeded: false);

                plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Refused, index, holders));
                return true;
            }

            if (decision != HoldDecision.Admit)
            {
                return false;
            }

            if (plan.OneStep)
            {
                _ledger.TryApply(change);
            }
            else
            {
                _ledger.Prepare(plan.TxId, change);
            }

            CheckWorstCase(change.Pool);
        }

        if (plan.OneStep)
        {
            ApplyCommit(plan, index);
            _host.Linearized(plan.Tag, succeeded: true);

            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Committed, index, string.Empty));
            return true;
        }

        _inFlight.Add(plan.TxId, (plan, index));
        if (plan.Decreases is not null)
        {
            _marked++;
        }

        if (index + 1 < plan.Cpus.Length)
        {
            plan.RefAt(index + 1).Tell(new CpuMsg.Chain(plan, index + 1));
        }
        else
        {
            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.AllHeld, -1, string.Empty));
        }

        return true;
    }

    // Hold now or answer at once: an optimistic prepare never waits, so it is never part of a wait cycle.
    private void OnOptimistic(Plan plan, int index)
    {
        var decision = plan.IncreaseAt(index) is { } change ? _ledger.Evaluate(change) : HoldDecision.Admit;
        if (decision == HoldDecision.Refuse && _marked == 0)
        {
            TryAdvance(plan, index);
            return;
        }

        if (decision != HoldDecision.Admit || _parked.Count > 0)
        {
            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Busy, index, string.Empty));
            return;
        }

        if (plan.IncreaseAt(index) is { } increase)
        {
            _ledger.Prepare(plan.TxId, increase);
            CheckWorstCase(increase.Pool);
        }

        _inFlight.Add(plan.TxId, (plan, index));
        if (plan.Decreases is not null)
        {
            _marked++;
        }

        plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Held, index, string.Empty));
    }

    private void OnDecide(long txId, bool commit)
    {
        if (!_inFlight.Remove(txId, out var entry))
        {
            return;
        }

        if (entry.Plan.Decreases is not null)
        {
            _marked--;
        }

        if (commit)
        {
            if (entry.Plan.Increases is not null)
            {
                _ledger.Commit(txId);
            }

            ApplyCommit(entry.Plan, entry.Index);
        }
        else if (entry.Plan.Increases is not null)
        {
            _ledger.Abort(txId);
        }

        ReEvaluate();
    }

    private void ApplyCommit(Plan plan, int index)
    {
        foreach (var decrease in plan.DecreasesAt(index))
        {
            _ledger.Release(decrease);
        }

        if (plan.Effect is { } effect)
        {
            _dirty = true;
            if (effect.Spec is { } spec)
            {
                _cpuBound[effect.Id] = new ArmedBreakpoint(effect.Id, spec, effect.Pool, _cpu, Pinned: true);
            }
            else
            {
                _cpuBound.Remove(effect.Id);
            }
        }

        if (plan.TaskArmed is { } armed && armed.Tid == _running.Tid && armed.Tid != 0)
        {
            _running = armed;
            SyncRotation();
            _dirty = true;
        }
    }

    // Something was decided here: parked prepares are re-evaluated in arrival order until one must still wait.
    private void ReEvaluate()
    {
        while (_parked.Count > 0)
        {
            var (plan, index) = _parked[0];
            if (!TryAdvance(plan, index))
            {
                break;
            }

            _parked.RemoveAt(0);
        }
    }
}
