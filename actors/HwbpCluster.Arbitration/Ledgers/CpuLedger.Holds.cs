namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>Holding room for the two-phase negotiation: prepare, commit, abort.</summary>
public sealed partial class CpuLedger
{
    /// <summary>Asks for room for an increase; on <see cref="HoldDecision.Admit"/> the room is held under <paramref name="requestId"/>.</summary>
    /// <exception cref="ArgumentException">The change is a decrease (use <see cref="Release"/>) or the request id is already held.</exception>
    /// <exception cref="InvalidOperationException">The task already has a pending hold on this CPU.</exception>
    public HoldDecision Prepare(long requestId, in LedgerChange change)
    {
        if (!change.IsIncrease)
        {
            throw new ArgumentException("only increases need room; apply decreases with Release", nameof(change));
        }

        foreach (var (id, held) in _holds)
        {
            if (id == requestId)
            {
                throw new ArgumentException($"request {requestId} already holds room on cpu {Cpu}", nameof(requestId));
            }

            CheckNoPendingFor(held, change);
        }

        var decision = Evaluate(change);
        if (decision == HoldDecision.Admit)
        {
            ApplyProjected(change, +1);
            _holds.Add((requestId, change));
        }

        return decision;
    }

    /// <summary>Makes the room held by <paramref name="requestId"/> permanent; false if no such hold (already decided).</summary>
    public bool Commit(long requestId)
    {
        var index = IndexOf(requestId);
        if (index < 0)
        {
            return false;
        }

        var change = _holds[index].Change;
        _holds.RemoveAt(index);
        ApplyCommitted(change, +1);
        return true;
    }

    /// <summary>Gives back the room held by <paramref name="requestId"/>, restoring the ledger exactly; false if no such hold.</summary>
    public bool Abort(long requestId)
    {
        var index = IndexOf(requestId);
        if (index < 0)
        {
            return false;
        }

        var change = _holds[index].Change;
        _holds.RemoveAt(index);
        ApplyProjected(change, -1);
        return true;
    }

    private int IndexOf(long requestId)
    {
        for (var i = 0; i < _holds.Count; i++)
        {
            if (_holds[i].RequestId == requestId)
            {
                return i;
            }
        }

        return -1;
    }

    private void CheckNoPendingFor(in LedgerChange held, in LedgerChange change)
    {
        if (held.Kind == LedgerChangeKind.TaskStep && change.Kind == LedgerChangeKind.TaskStep && held.Id == change.Id && held.Pool == change.Pool)
        {
            throw new InvalidOperationException($"task {change.Id} already has a pending hold on cpu {Cpu}; its changes must be serialized");
        }
    }

    // direction +1 applies the change as written; −1 undoes it (abort).
    private void ApplyProjected(in LedgerChange change, int direction)
    {
        var p = _pools[(int)change.Pool];
        switch (change.Kind)
        {
            case LedgerChangeKind.AddCpuBound when direction > 0:
            case LedgerChangeKind.RemoveCpuBound when direction < 0:
                p.ProjectedCpuPinned++;
                p.CpuBoundIds.Add(change.Id);
                break;
            case LedgerChangeKind.AddCpuBound:
            case LedgerChangeKind.RemoveCpuBound:
                p.ProjectedCpuPinned--;
                p.CpuBoundIds.Remove(change.Id);
                break;
            default:
                var (from, to) = direction > 0 ? (change.From, change.To) : (change.To, change.From);
                p.Move(p.ProjectedHist, change.Id, from, to, trackWitness: true);
                break;
        }
    }

    private void ApplyCommitted(in LedgerChange change, int direction)
    {
        var p = _pools[(int)change.Pool];
        switch (change.Kind)
        {
            case LedgerChangeKind.AddCpuBound:
                p.CpuPinned += direction;
                break;
            case LedgerChangeKind.RemoveCpuBound:
                p.CpuPinned -= direction;
                break;
            default:
                p.Move(p.Hist, change.Id, change.From, change.To, trackWitness: false);
                break;
        }
    }
}
