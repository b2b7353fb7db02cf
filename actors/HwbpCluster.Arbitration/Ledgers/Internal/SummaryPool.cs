namespace HwbpCluster.Arbitration.Ledgers.Internal;

/// <summary>One pool of the summary: every CPU's CPU-bound count and the histogram of uniform tasks' counts, committed and projected.</summary>
/// <remarks>
/// Both CPU-bound counts are kept as a histogram too (how many CPUs have each count), so the largest is found in O(slots)
/// whatever the CPU count. "Projected" is the committed state plus every pending hold, as in <see cref="PoolLedger"/>.
/// </remarks>
internal sealed class SummaryPool
{
    public SummaryPool(int slots, int cpus)
    {
        Slots = slots;
        Pinned = new int[cpus];
        ProjectedPinned = new int[cpus];

        // A projected count may pass the slots only in a broken state, which the owner's safety check reports.
        PinnedHist = new int[slots + 2];
        ProjectedPinnedHist = new int[slots + 2];
        PinnedHist[0] = cpus;
        ProjectedPinnedHist[0] = cpus;
        Hist = new int[slots + 1];
        ProjectedHist = new int[slots + 1];
        Witness = new long[slots + 1];
    }

    public int Slots { get; }

    public int[] Pinned { get; }

    public int[] ProjectedPinned { get; }

    public int[] PinnedHist { get; }

    public int[] ProjectedPinnedHist { get; }

    public int[] Hist { get; }

    public int[] ProjectedHist { get; }

    // A uniform task last seen entering each projected bucket, so refusals can name a holder without scanning tasks.
    public long[] Witness { get; }

    public int MaxPinned(bool projected) => PoolLedger.Max(projected ? ProjectedPinnedHist : PinnedHist);

    public int MaxTask(bool projected) => PoolLedger.Max(projected ? ProjectedHist : Hist);

    public bool Fits(in SummaryChange change, bool projected)
    {
        if (change.Kind == LedgerChangeKind.TaskStep)
        {
            return MaxPinned(projected) + change.To <= Slots;
        }

        var pinned = change.Cpu < 0 ? MaxPinned(projected) : (projected ? ProjectedPinned : Pinned)[change.Cpu];
        return pinned + 1 + MaxTask(projected) <= Slots;
    }

    // direction +1 applies the change as written, -1 undoes it.
    public void Apply(in SummaryChange change, bool projected, int direction)
    {
        if (change.Kind == LedgerChangeKind.TaskStep)
        {
            var (from, to) = direction > 0 ? (change.From, change.To) : (change.To, change.From);
            Move(projected ? ProjectedHist : Hist, change.Id, from, to, trackWitness: projected);
            return;
        }

        var delta = (change.Kind == LedgerChangeKind.AddCpuBound ? 1 : -1) * direction;
        var pinned = projected ? ProjectedPinned : Pinned;
        var hist = projected ? ProjectedPinnedHist : PinnedHist;
        if (change.Cpu >= 0)
        {
            Shift(pinned, hist, change.Cpu, delta);
            return;
        }

        for (var c = 0; c < pinned.Length; c++)
        {
            Shift(pinned, hist, c, delta);
        }
    }

    private static void Shift(int[] pinned, int[] hist, int cpu, int delta)
    {
        var to = pinned[cpu] + delta;
        if (to < 0 || to >= hist.Length)
        {
            throw new InvalidOperationException($"summary out of step: cpu {cpu} would count {to} cpu-bound breakpoints");
        }

        hist[pinned[cpu]]--;
        hist[to]++;
        pinned[cpu] = to;
    }

    private void Move(int[] hist, long taskId, int from, int to, bool trackWitness)
    {
        if (from > 0)
        {
            if (from >= hist.Length || hist[from] == 0)
            {
                throw new InvalidOperationException($"summary out of step: no uniform task has count {from} (task {taskId})");
            }

            hist[from]--;
            if (trackWitness && Witness[from] == taskId)
            {
                Witness[from] = 0;
            }
        }

        if (to > 0)
        {
            if (to >= hist.Length)
            {
                throw new InvalidOperationException($"summary out of step: uniform task {taskId} would count {to} in {Slots} slots");
            }

            hist[to]++;
            if (trackWitness)
            {
                Witness[to] = taskId;
            }
        }
    }
}
