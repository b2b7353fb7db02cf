namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>Holding room for the two-phase negotiation (prepare, commit, abort), one-step changes and releases.</summary>
public sealed partial class SummaryLedger
{
    /// <summary>Asks for room for an increase; on <see cref="HoldDecision.Admit"/> the room is held under <paramref name="requestId"/>.</summary>
    /// <exception cref="ArgumentException">The change is a decrease, or the request id already holds room.</exception>
    /// <exception cref="InvalidOperationException">The task already has a pending hold in that pool.</exception>
    public HoldDecision Prepare(long requestId, in SummaryChange change)
    {
        if (!change.IsIncrease)
        {
            throw new ArgumentException("only increases need room; apply decreases with Release", nameof(change));
        }

        foreach (var (id, held) in _holds)
        {
            if (id == requestId)
            {
                throw new ArgumentException($"request {requestId} already holds room in the summary", nameof(requestId));
            }

            CheckNoPendingFor(held, change);
        }

        var decision = Evaluate(change);
        if (decision == HoldDecision.Admit)
        {
            Apply(change, projected: true, +1);
            _holds.Add((requestId, change));
        }

        return decision;
    }

    /// <summary>Makes the room held by <paramref name="requestId"/> permanent; false if no such hold.</summary>
    public bool Commit(long requestId) => Decide(requestId, commit: true);

    /// <summary>Gives back the room held by <paramref name="requestId"/>, restoring the summary exactly; false if no such hold.</summary>
    public bool Abort(long requestId) => Decide(requestId, commit: false);

    /// <summary>Applies an increase in one step when it is admitted now, or a decrease always; true when applied.</summary>
    public bool TryApply(in SummaryChange change)
    {
        if (!change.IsIncrease)
        {
            Release(change);
            return true;
        }

        if (Evaluate(change) != HoldDecision.Admit)
        {
            return false;
        }

        Apply(change, projected: true, +1);
        Apply(change, projected: false, +1);
        return true;
    }

    /// <summary>Applies a decrease (a CPU-bound breakpoint leaving, a uniform task's count going down); never needs room.</summary>
    /// <exception cref="ArgumentException">The change is an increase.</exception>
    public void Release(in SummaryChange change)
    {
        if (change.IsIncrease)
        {
            throw new ArgumentException("increases need room; use Prepare or TryApply", nameof(change));
        }

        foreach (var (_, held) in _holds)
        {
            CheckNoPendingFor(held, change);
        }

        Apply(change, projected: false, +1);
        Apply(change, projected: true, +1);
    }

    private bool Decide(long requestId, bool commit)
    {
        var index = _holds.FindIndex(h => h.RequestId == requestId);
        if (index < 0)
        {
            return false;
        }

        var change = _holds[index].Change;
        _holds.RemoveAt(index);
        if (commit)
        {
            Apply(change, projected: false, +1);
        }
        else
        {
            Apply(change, projected: true, -1);
        }

        return true;
    }

    private void Apply(in SummaryChange change, bool projected, int direction)
    {
        _pools[(int)change.Pool].Apply(change, projected, direction);
        if (projected && change.Kind != LedgerChangeKind.TaskStep)
        {
            // The id list follows the projected state: pending CPU-bound holds are named as holders too.
            var adds = (change.Kind == LedgerChangeKind.AddCpuBound) == (direction > 0);
            if (adds)
            {
                _cpuBound.Add((change.Id, change.Pool, change.Cpu));
            }
            else
            {
                _cpuBound.Remove((change.Id, change.Pool, change.Cpu));
            }
        }
    }

    private static void CheckNoPendingFor(in SummaryChange held, in SummaryChange change)
    {
        if (held.Kind == LedgerChangeKind.TaskStep && change.Kind == LedgerChangeKind.TaskStep && held.Id == change.Id && held.Pool == change.Pool)
        {
            throw new InvalidOperationException($"uniform task {change.Id} already has a pending hold in the summary; its changes must be serialized");
        }
    }
}
