using HwbpCluster.Arbitration.Ledgers.Internal;

namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>One CPU's share of Linux's admission accounting, per pool: its CPU-bound count and the histogram of task counts.</summary>
/// <remarks>
/// <para>The checks are local to this CPU and together equal Linux's whole-host rule: a CPU-bound breakpoint on k fits iff
/// cpuPinned[k] + max over tasks of cnt(T, k) + 1 ≤ S; a task step on c fits iff cpuPinned[c] + cnt(T, c) + 1 ≤ S, so a
/// task-wide breakpoint (a step on every CPU) fits iff every CPU admits its step.</para>
/// <para>Two-phase use (actors): <see cref="Prepare"/> then <see cref="Commit"/> or <see cref="Abort"/>. One-step use (the
/// serial facade): <see cref="TryApply"/>. Releases never need room: <see cref="Release"/>. A task may have at most one
/// pending hold per pool of a CPU ledger, and no release in that pool while it has one: the task's owner serializes its
/// own changes (a request id holds one change per ledger). Explanations list pending CPU-bound holds as holders too.</para>
/// <para>Not thread-safe: one owner (a CpuActor, or the <c>HostArbiter</c>) drives it.</para>
/// </remarks>
public sealed partial class CpuLedger
{
    private readonly PoolLedger[] _pools;
    private readonly List<(long RequestId, LedgerChange Change)> _holds = new(2);

    /// <summary>Creates the empty ledger of CPU <paramref name="cpu"/> with the pools of <paramref name="profile"/>.</summary>
    public CpuLedger(ArchProfile profile, int cpu)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegative(cpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cpu, profile.CpuCount);
        Profile = profile;
        Cpu = cpu;
        _pools = [new PoolLedger(profile.InstructionSlots), new PoolLedger(profile.DataSlots)];
    }

    /// <summary>The CPU this ledger accounts for.</summary>
    public int Cpu { get; }

    /// <summary>The host's arch profile.</summary>
    public ArchProfile Profile { get; }

    /// <summary>Number of holds prepared and not yet committed or aborted.</summary>
    public int PendingHolds => _holds.Count;

    /// <summary>Slots in <paramref name="pool"/> on this CPU.</summary>
    public int Slots(Pool pool) => _pools[(int)pool].Slots;

    /// <summary>Committed CPU-bound breakpoints in <paramref name="pool"/>.</summary>
    public int CpuPinned(Pool pool) => _pools[(int)pool].CpuPinned;

    /// <summary>The largest committed count any one task has in <paramref name="pool"/> on this CPU.</summary>
    public int MaxTaskCount(Pool pool) => PoolLedger.Max(_pools[(int)pool].Hist);

    /// <summary>How many tasks have exactly <paramref name="count"/> committed breakpoints in <paramref name="pool"/> here.</summary>
    public int TasksWithCount(Pool pool, int count)
    {
        var hist = _pools[(int)pool].Hist;
        return count >= 1 && count < hist.Length ? hist[count] : 0;
    }

    /// <summary>Worst case of pinned slots armed at once in <paramref name="pool"/>, counting pending holds.</summary>
    public int ProjectedWorstCase(Pool pool)
    {
        var p = _pools[(int)pool];
        return p.ProjectedCpuPinned + PoolLedger.Max(p.ProjectedHist);
    }

    /// <summary>Slots of <paramref name="pool"/> left for flexible reservations while a task with <paramref name="taskCount"/> runs.</summary>
    public int FreeSlots(Pool pool, int taskCount)
    {
        var p = _pools[(int)pool];
        return Math.Max(0, p.Slots - p.ProjectedCpuPinned - taskCount);
    }

    /// <summary>Would <paramref name="change"/> fit now? Pure: nothing is held or changed.</summary>
    public HoldDecision Evaluate(in LedgerChange change)
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
}
