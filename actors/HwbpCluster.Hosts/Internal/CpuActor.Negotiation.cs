using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The CPU's answers in the two-phase protocol (its <see cref="HoldKeeper"/> runs the protocol): its ledger and, at commit, its armed set.</summary>
internal sealed partial class CpuActor : ILedgerSide
{
    int ILedgerSide.Cpu => _cpu;

    // Only the summary takes a routing step (position 0 of a CPU-bound plan).
    bool ILedgerSide.TakesAlone(Plan plan) => throw new InvalidOperationException($"cpu {_cpu} was sent a routing step");

    HoldDecision ILedgerSide.Evaluate(Plan plan, int index) =>
        plan.IncreaseAt(index) is { } change ? _ledger.Evaluate(change) : HoldDecision.Admit;

    void ILedgerSide.Hold(Plan plan, int index)
    {
        var change = plan.IncreaseAt(index)!.Value;
        _ledger.Prepare(plan.TxId, change);
        CheckWorstCase(change.Pool);
    }

    void ILedgerSide.Apply(Plan plan, int index)
    {
        if (plan.IncreaseAt(index) is { } change)
        {
            _ledger.TryApply(change);
            CheckWorstCase(change.Pool);
        }
    }

    void ILedgerSide.Decide(Plan plan, bool commit)
    {
        if (commit)
        {
            _ledger.Commit(plan.TxId);
        }
        else
        {
            _ledger.Abort(plan.TxId);
        }
    }

    (string Holders, int Cpu) ILedgerSide.Explain(Plan plan, int index) => (_ledger.Explain(plan.IncreaseAt(index)!.Value).ToString(), _cpu);

    // The summary decided the plan alone: when it did, no task was counted in the CPU ledgers beyond its own copies and no
    // other CPU-bound plan was under way, so this CPU's half of the rule holds (an increase that does not fit here means the
    // two disagree: a broken invariant, and the host is taken out). A decrease may let parked prepares go on.
    private void ApplyDecided(Plan plan, int index)
    {
        if (plan.IncreaseAt(index) is { } change)
        {
            if (!_ledger.TryApply(change))
            {
                throw new InvalidOperationException($"safety: cpu {_cpu} cannot apply {change}, which the summary decided alone");
            }

            CheckWorstCase(change.Pool);
        }

        ((ILedgerSide)this).ApplyCommit(plan, index);
        _holds.ReEvaluate();
    }

    void ILedgerSide.ApplyCommit(Plan plan, int index)
    {
        foreach (var decrease in plan.CpuDecreasesAt(index))
        {
            _ledger.Release(decrease);
        }

        if (plan.Effect is { } effect)
        {
            _dirty = true;
            // A re-point in the same pool (no increase) arms nothing the CPU does not arm already: reaching a CPU after the
            // reservation left it, it must not arm it again without a count.
            var repointOnly = plan.IncreaseAt(index) is null;
            if (effect.Spec is { } spec && (!repointOnly || _cpuBound.ContainsKey(effect.Id)))
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
}
