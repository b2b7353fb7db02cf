namespace HwbpCluster.Arbitration.Ledgers.Internal;

/// <summary>One pool of one CPU: the CPU-bound count and the histogram of task counts, committed and projected.</summary>
/// <remarks>
/// "Projected" is the committed state plus every pending hold: the worst case, because holds only ever add.
/// Hist[n] is the number of tasks with exactly n breakpoints applicable here (n ≥ 1); the max is the highest
/// non-empty bucket, found in O(slots) whatever the number of tasks.
/// </remarks>
internal sealed class PoolLedger
{
    public PoolLedger(int slots)
    {
        Slots = slots;
        Hist = new int[slots + 1];
        ProjectedHist = new int[slots + 1];
        Witness = new long[slots + 1];
    }

    public int Slots { get; }

    public int CpuPinned { get; set; }

    public int ProjectedCpuPinned { get; set; }

    public int[] Hist { get; }

    public int[] ProjectedHist { get; }

    // A task last seen entering each projected bucket, so refusals can name a holder without scanning tasks (0 = unknown).
    public long[] Witness { get; }

    // CPU-bound reservations here, committed and pending, in arrival order: at most Slots of them.
    public List<long> CpuBoundIds { get; } = new(4);

    public static int Max(int[] hist)
    {
        for (var n = hist.Length - 1; n > 0; n--)
        {
            if (hist[n] != 0)
            {
                return n;
            }
        }

        return 0;
    }

    public bool Fits(in LedgerChange change, bool projected)
    {
        var pinned = projected ? ProjectedCpuPinned : CpuPinned;
        return change.Kind == LedgerChangeKind.AddCpuBound
            ? pinned + Max(projected ? ProjectedHist : Hist) + 1 <= Slots
            : pinned + change.To <= Slots;
    }

    // Committed and projected move together (no hold involved): one pass over both histograms.
    public void StepBoth(long taskId, int from, int to)
    {
        if (from > 0)
        {
            if (from >= Hist.Length || Hist[from] == 0 || ProjectedHist[from] == 0)
            {
                throw new InvalidOperationException($"ledger out of step: no task has count {from} here (task {taskId})");
            }

            Hist[from]--;
            ProjectedHist[from]--;
            if (Witness[from] == taskId)
            {
                Witness[from] = 0;
            }
        }

        if (to > 0)
        {
            Hist[to]++;
            ProjectedHist[to]++;
            Witness[to] = taskId;
        }
    }

    public void Move(int[] hist, long taskId, int from, int to, bool trackWitness)
    {
        if (from > 0)
        {
            if (from >= hist.Length || hist[from] == 0)
            {
                throw new InvalidOperationException($"ledger out of step: no task has count {from} here (task {taskId})");
            }

            hist[from]--;
            if (trackWitness && Witness[from] == taskId)
            {
                Witness[from] = 0;
            }
        }

        if (to > 0)
        {
            hist[to]++;
            if (trackWitness)
            {
                Witness[to] = taskId;
            }
        }
    }
}
