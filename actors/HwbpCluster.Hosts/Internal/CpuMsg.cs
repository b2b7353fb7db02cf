using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The CpuActor's protocol; the summary actor takes its negotiation messages (Chain, Decide) and Counts too.</summary>
internal abstract record CpuMsg
{
    /// <summary>A prepare at position <paramref name="Index"/> of its plan.</summary>
    public sealed record Chain(Plan Plan, int Index) : CpuMsg;

    /// <summary>The coordinator's decision for a plan this CPU holds room (or marks) for.</summary>
    public sealed record Decide(long TxId, bool Commit) : CpuMsg;

    /// <summary>The summary decided <paramref name="Plan"/> alone: apply its change at <paramref name="Index"/> now (a CPU cannot refuse it).</summary>
    public sealed record Apply(Plan Plan, int Index) : CpuMsg;

    /// <summary>To the summary: a task it counted as moved out counts nothing in the CPU ledgers any more.</summary>
    public sealed record MovedBack : CpuMsg;

    /// <summary>To the summary: a CPU-bound plan it let run on the CPUs is over (its decisions are already sent to them).</summary>
    public sealed record CpuPlanDone : CpuMsg;

    /// <summary>A CPU-bound reservation's spec changes within its pool (ignored if it is not armed here).</summary>
    public sealed record RepointCpuBound(long Id, BreakpointSpec Spec) : CpuMsg;

    /// <summary>Context switch: <paramref name="Armed"/> is the incoming task's list (tid 0: idle).</summary>
    public sealed record Switch(TaskArmed Armed, IActorRef<bool>? Reply) : CpuMsg;

    /// <summary>The task left this CPU (ignored if another task already runs here).</summary>
    public sealed record Idle(long Tid) : CpuMsg;

    /// <summary>The running task's armed list changed (ignored unless it runs here).</summary>
    public sealed record Rearm(TaskArmed Armed) : CpuMsg;

    public sealed record Access(long Tid, ulong Address, int Length, Arbitration.Access Kind, ulong Ip, IActorRef<IReadOnlyList<HitRecord>> Reply)
        : CpuMsg;

    /// <summary>The CPU's slots and counts; <paramref name="UniformMax"/> is the summary's largest uniform task count per pool,
    /// which counts on this CPU too.</summary>
    public sealed record Snapshot(IActorRef<CpuSnapshot> Reply, int[] UniformMax) : CpuMsg;

    /// <summary>Ledger counts per pool, for model checks.</summary>
    public sealed record Counts(IActorRef<LedgerCounts> Reply) : CpuMsg;

    /// <summary>To the summary ledger: its counts, for model checks.</summary>
    public sealed record SummaryCounts(IActorRef<SummaryCensus> Reply) : CpuMsg;

    public sealed record AddFlexible(long Id, BreakpointSpec Spec, Arbitration.Pool Pool) : CpuMsg;

    public sealed record RemoveFlexible(long Id) : CpuMsg;

    public sealed record RepointFlexible(long Id, BreakpointSpec Spec, Arbitration.Pool Pool) : CpuMsg;

    /// <summary>A multiplexing time slice ended.</summary>
    public sealed record Tick : CpuMsg;

    public sealed record EnterGuest(string SessionId, IReadOnlyList<BreakpointSpec> Guest, IActorRef<Reply<IReadOnlyList<long>>> Reply) : CpuMsg;

    public sealed record ExitGuest(string SessionId, IActorRef<Reply<IReadOnlyList<long>>> Reply) : CpuMsg;
}
