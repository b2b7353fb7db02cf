namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One-step changes: apply an admitted increase, release a decrease, and the serial facade's fast path.</summary>
public sealed partial class CpuLedger
{
    /// <summary>Applies an increase in one step when it is admitted now, or a decrease always; true when applied.</summary>
    public bool TryApply(in LedgerChange change)
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

        ApplyFitting(change);
        return true;
    }

    /// <summary>Applies a decrease (a CPU-bound breakpoint leaving, a task count going down); never needs room.</summary>
    /// <exception cref="ArgumentException">The change is an increase.</exception>
    public void Release(in LedgerChange change)
    {
        if (change.IsIncrease)
        {
            throw new ArgumentException("increases need room; use Prepare or TryApply", nameof(change));
        }

        if (_holds.Count == 0 && change.Kind == LedgerChangeKind.TaskStep)
        {
            _pools[(int)change.Pool].StepBoth(change.Id, change.From, change.To);
            return;
        }

        foreach (var (id, held) in _holds)
        {
            CheckNoPendingFor(held, change);
            if (change.Kind == LedgerChangeKind.RemoveCpuBound && held.Kind == LedgerChangeKind.AddCpuBound && held.Id == change.Id && held.Pool == change.Pool)
            {
                throw new InvalidOperationException($"reservation {change.Id} is still pending on cpu {Cpu} (request {id}); abort it instead");
            }
        }

        var p = _pools[(int)change.Pool];
        if (change.Kind == LedgerChangeKind.RemoveCpuBound && (p.CpuPinned == 0 || !p.CpuBoundIds.Contains(change.Id)))
        {
            throw new InvalidOperationException($"reservation {change.Id} holds no CPU-bound slot on cpu {Cpu}");
        }

        ApplyCommitted(change, +1);
        ApplyProjected(change, +1);
    }

    // The serial facade's fast path: it holds nothing pending, so projected and committed move together.
    internal bool FitsNow(in LedgerChange change) => _pools[(int)change.Pool].Fits(change, projected: true);

    internal void ApplyFitting(in LedgerChange change)
    {
        if (change.Kind == LedgerChangeKind.TaskStep)
        {
            _pools[(int)change.Pool].StepBoth(change.Id, change.From, change.To);
            return;
        }

        ApplyProjected(change, +1);
        ApplyCommitted(change, +1);
    }
}
