using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One negotiation: the ledgers it touches in order, the room it asks of each, the decreases it marks, and what a commit arms.</summary>
/// <remarks>
/// The ledgers are the host's summary (position 0, when the plan has a <see cref="Summary"/> part), then the CPUs in
/// ascending order: every plan takes them in that one order, so ordered acquisition cannot form a wait cycle. Each ledger
/// that admits holds and forwards, the last tells the coordinator. CPU arrays of length 1 apply to every CPU of the plan.
/// </remarks>
internal sealed class Plan
{
    public required long TxId { get; init; }

    public required int[] Cpus { get; init; }

    public required IActorRef<CpuMsg>[] Refs { get; init; }

    public IActorRef<CpuMsg>? SummaryRef { get; init; }

    public required IActorRef<NegotiationResult> Coordinator { get; init; }

    /// <summary>The summary ledger's part, or null when the plan does not touch it.</summary>
    public SummaryPart? Summary { get; init; }

    /// <summary>The increase asked of each CPU, or null for a plan of decreases only.</summary>
    public LedgerChange[]? Increases { get; init; }

    /// <summary>Decreases applied at commit (marked while undecided, so a CPU waits for them instead of refusing).</summary>
    public LedgerChange[][]? Decreases { get; init; }

    /// <summary>A single-ledger plan: the ledger decides and commits at once, no second round.</summary>
    public bool OneStep { get; init; }

    /// <summary>The optimistic round: sent to every ledger at once; one that cannot admit at once answers busy, never waits.</summary>
    public bool FanOut { get; init; }

    /// <summary>A CPU-bound plan's first step, sent to the summary alone: when no task is counted in the CPU ledgers and no
    /// other CPU-bound plan is under way there, the summary decides it in one step and tells each CPU to apply it
    /// (<see cref="CpuMsg.Apply"/>); else it answers <see cref="NegotiationResultKind.NeedsCpus"/> and the coordinator runs
    /// the plan on every ledger.</summary>
    public bool Routing { get; init; }

    /// <summary>The commit is decided outside the host (a fleet hold): the summary never decides such a plan alone.</summary>
    public bool HeldOutside { get; init; }

    public CpuBoundEffect? Effect { get; init; }

    /// <summary>The task's armed list once committed, applied where the task runs.</summary>
    public TaskArmed? TaskArmed { get; init; }

    public Linearization? Tag { get; init; }

    /// <summary>Ledgers in the plan: the summary, if any, and the CPUs.</summary>
    public int Length => Cpus.Length + Offset;

    private int Offset => Summary is null ? 0 : 1;

    /// <summary>The CPU at a position, or -1 for the summary.</summary>
    public int CpuAt(int index) => index < Offset ? -1 : Cpus[index - Offset];

    public bool IncreasesAt(int index) => index < Offset ? Summary!.Increase is not null : Increases is not null;

    public bool DecreasesAt(int index) => index < Offset ? Summary!.Decreases.Length > 0 : Decreases is not null;

    /// <summary>Only gives room back at <paramref name="index"/>: no increase there and nothing armed by its commit (a release,
    /// a suspension, a task moving its counts out). Such a step never needs room, so it never waits in a ledger's line.</summary>
    public bool OnlyGivesBackAt(int index) => !IncreasesAt(index) && Effect?.Spec is null;

    public LedgerChange? IncreaseAt(int index)
    {
        var i = index - Offset;
        return Increases is null ? null : Increases.Length == 1 ? Increases[0] : Increases[i];
    }

    public LedgerChange[] CpuDecreasesAt(int index)
    {
        var i = index - Offset;
        return Decreases is null ? [] : Decreases.Length == 1 ? Decreases[0] : Decreases[i];
    }

    public IActorRef<CpuMsg> RefAt(int index) => index < Offset ? SummaryRef! : Refs[Cpus[index - Offset]];
}
