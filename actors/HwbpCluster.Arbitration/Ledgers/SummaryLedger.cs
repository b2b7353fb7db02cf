using HwbpCluster.Arbitration.Ledgers.Internal;

namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>The host's pinned summary: every CPU's CPU-bound count and the histogram of uniform tasks' counts, per pool.</summary>
/// <remarks>
/// <para>Linux's rule for CPU c is cpuPinned[c] + max over tasks of cnt(T, c) ≤ S. A uniform task (one with no task-on-CPU
/// breakpoints) has the same count on every CPU, so its part of the rule is max over c of cpuPinned[c] + its count ≤ S:
/// one check here instead of one per CPU. Uniform tasks are counted here only; the other tasks stay in the CPU ledgers
/// (<see cref="CpuLedger"/>), which keep their own copy of cpuPinned. Together: a uniform task step fits iff the summary
/// admits it, a non-uniform one iff its CPUs admit it, and a CPU-bound breakpoint on k iff the summary (cpuPinned[k] +
/// the uniform maximum) and CPU k (cpuPinned[k] + the other tasks' maximum) both admit it: exactly Linux's rule.</para>
/// <para>Two-phase use as <see cref="CpuLedger"/>: Prepare then Commit or Abort; one-step TryApply; Release for decreases.
/// Not thread-safe: one owner drives it.</para>
/// </remarks>
public sealed partial class SummaryLedger
{
    private readonly SummaryPool[] _pools;
    private readonly List<(long RequestId, SummaryChange Change)> _holds = new(4);

    // CPU-bound reservations (committed and pending) with their CPU (-1: wide), oldest first: only explanations read it.
    private readonly List<(long Id, Pool Pool, int Cpu)> _cpuBound = [];

    /// <summary>Creates the empty summary of a host with <paramref name="profile"/>.</summary>
    public SummaryLedger(ArchProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _pools = [new SummaryPool(profile.InstructionSlots, profile.CpuCount), new SummaryPool(profile.DataSlots, profile.CpuCount)];
    }

    /// <summary>The host's arch profile.</summary>
    public ArchProfile Profile { get; }

    /// <summary>Number of holds prepared and not yet committed or aborted.</summary>
    public int PendingHolds => _holds.Count;

    /// <summary>Committed CPU-bound breakpoints on <paramref name="cpu"/> in <paramref name="pool"/>.</summary>
    public int CpuPinned(int cpu, Pool pool) => _pools[(int)pool].Pinned[cpu];

    /// <summary>The largest committed count of any uniform task in <paramref name="pool"/>.</summary>
    public int MaxUniformCount(Pool pool) => _pools[(int)pool].MaxTask(projected: false);

    /// <summary>Worst case of pinned slots armed at once on <paramref name="cpu"/> by CPU-bound and uniform task breakpoints, counting pending holds.</summary>
    public int ProjectedWorstCase(int cpu, Pool pool)
    {
        var p = _pools[(int)pool];
        return p.ProjectedPinned[cpu] + p.MaxTask(projected: true);
    }

    /// <summary>The largest projected worst case over all CPUs in <paramref name="pool"/>: O(slots).</summary>
    public int ProjectedWorstCase(Pool pool)
    {
        var p = _pools[(int)pool];
        return p.MaxPinned(projected: true) + p.MaxTask(projected: true);
    }

    /// <summary>Would <paramref name="change"/> fit now? Pure: nothing is held or changed.</summary>
    public HoldDecision Evaluate(in SummaryChange change)
    {
        if (!change.IsIncrease)
        {
            return HoldDecision.Admit;
        }

        var p = _pools[(int)change.Pool];
        return p.Fits(change, projected: true) ? HoldDecision.Admit
            : p.Fits(change, projected: false) ? HoldDecision.Wait
            : HoldDecision.Refuse;
    }

    /// <summary>The lowest CPU where <paramref name="change"/> does not fit in the committed state, or -1. O(CPUs): for refusals only.</summary>
    public int RefusingCpu(in SummaryChange change)
    {
        var p = _pools[(int)change.Pool];
        var extra = change.Kind == LedgerChangeKind.TaskStep ? change.To : 1 + p.MaxTask(projected: false);
        if (change.Kind != LedgerChangeKind.TaskStep && change.Cpu >= 0)
        {
            return p.Pinned[change.Cpu] + extra > p.Slots ? change.Cpu : -1;
        }

        for (var c = 0; c < p.Pinned.Length; c++)
        {
            if (p.Pinned[c] + extra > p.Slots)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>Who holds the slots <paramref name="change"/> would need on <paramref name="cpu"/>, counting pending holds. O(CPU-bound reservations).</summary>
    public SlotHolders Explain(in SummaryChange change, int cpu)
    {
        var p = _pools[(int)change.Pool];
        var pool = change.Pool;
        var cpuBound = _cpuBound.Where(b => b.Pool == pool && (b.Cpu < 0 || b.Cpu == cpu)).Select(b => b.Id).ToArray();
        var name = Profile.PoolName(change.Pool);
        if (change.Kind == LedgerChangeKind.TaskStep)
        {
            return new SlotHolders(cpu, name, p.Slots, cpuBound, change.Id, change.From);
        }

        var max = p.MaxTask(projected: true);
        return new SlotHolders(cpu, name, p.Slots, cpuBound, max == 0 ? 0 : p.Witness[max], max);
    }
}
