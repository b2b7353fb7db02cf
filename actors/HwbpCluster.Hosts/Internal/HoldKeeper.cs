using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One ledger's side of the two-phase protocol: hold and forward, park, refuse, commit, abort.</summary>
/// <remarks>
/// A prepare in a chain that cannot be admitted now waits here (parked) until a pending decision is made; parked prepares
/// are served strictly in arrival order. A step that only gives room back goes past them: it needs no room, and behind a
/// prepare that waits for a fleet hold it would wait for that hold's coordinator (a lease that ran out waited so for its
/// release). An optimistic prepare never waits: it holds, or answers busy or refused at once.
/// While decreases are marked here and undecided, a request that does not fit waits for them instead of being refused.
/// A routing step (the summary only) is decided in one step here, or handed back to its coordinator to run on the CPUs.
/// </remarks>
internal sealed class HoldKeeper(HostContext host, ILedgerSide side)
{
    private readonly Dictionary<long, (Plan Plan, int Index)> _inFlight = [];
    private readonly List<(Plan Plan, int Index)> _parked = [];
    private int _marked;

    public int Parked => _parked.Count;

    public void OnChain(Plan plan, int index)
    {
        if (plan.FanOut)
        {
            OnOptimistic(plan, index);
            return;
        }

        // Strict FIFO behind parked prepares: a newcomer that needs room never overtakes one already waiting, so each waits a
        // bounded time. One that only gives room back goes ahead: that can only let the waiting ones in sooner.
        if ((_parked.Count > 0 && !plan.OnlyGivesBackAt(index)) || !TryAdvance(plan, index))
        {
            host.Probe?.Parked(side.Cpu);
            _parked.Add((plan, index));
            return;
        }

        ReEvaluate();
    }

    public void OnDecide(long txId, bool commit)
    {
        if (!_inFlight.Remove(txId, out var entry))
        {
            return;
        }

        if (entry.Plan.DecreasesAt(entry.Index))
        {
            _marked--;
        }

        if (entry.Plan.IncreasesAt(entry.Index))
        {
            side.Decide(entry.Plan, commit);
        }

        if (commit)
        {
            side.ApplyCommit(entry.Plan, entry.Index);
        }

        ReEvaluate();
    }

    // Something was decided here: parked prepares are re-evaluated in arrival order until one must still wait.
    public void ReEvaluate()
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

    // False when the prepare must wait for a pending hold or decrease here to be decided.
    private bool TryAdvance(Plan plan, int index)
    {
        // A routing step is decided when it reaches the head of the line, not when it arrives: what the summary may decide
        // alone depends on the moment.
        if (plan.Routing && !side.TakesAlone(plan))
        {
            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.NeedsCpus, index, string.Empty));
            return true;
        }

        var decision = side.Evaluate(plan, index);
        if (decision == HoldDecision.Refuse && _marked == 0)
        {
            Refuse(plan, index);
            return true;
        }

        if (decision != HoldDecision.Admit)
        {
            return false;
        }

        if (plan.OneStep || plan.Routing)
        {
            side.Apply(plan, index);
            side.ApplyCommit(plan, index);
            host.Linearized(plan.Tag, succeeded: true);

            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Committed, index, string.Empty));
            return true;
        }

        HoldHere(plan, index);
        if (index + 1 < plan.Length)
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
        var decision = side.Evaluate(plan, index);
        if (decision == HoldDecision.Refuse && _marked == 0)
        {
            Refuse(plan, index);
            return;
        }

        if (decision != HoldDecision.Admit || (_parked.Count > 0 && !plan.OnlyGivesBackAt(index)))
        {
            plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Busy, index, string.Empty));
            return;
        }

        HoldHere(plan, index);
        plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Held, index, string.Empty));
    }

    private void HoldHere(Plan plan, int index)
    {
        if (plan.IncreasesAt(index))
        {
            side.Hold(plan, index);
        }

        _inFlight.Add(plan.TxId, (plan, index));
        if (plan.DecreasesAt(index))
        {
            _marked++;
        }
    }

    private void Refuse(Plan plan, int index)
    {
        var (holders, cpu) = side.Explain(plan, index);
        host.Linearized(plan.Tag, succeeded: false);

        plan.Coordinator.Tell(new NegotiationResult(plan.TxId, NegotiationResultKind.Refused, index, holders, cpu));
    }
}
