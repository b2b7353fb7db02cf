using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The CPU's answers in the two-phase protocol (its <see cref="HoldKeeper"/> runs the protocol): its ledger and, at commit, its armed set.</summary>
internal sealed partial class CpuActor : ILedgerSide
{
    int ILedgerSide.Cpu => _cpu;

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

    void ILedgerSide.ApplyCommit(Plan plan, int index)
    {
        foreach (var decrease in plan.CpuDecreasesAt(index))
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
}
