using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One negotiation: the CPUs it touches in ascending order, the room it asks of each, the decreases it marks, and what a commit arms.</summary>
/// <remarks>
/// The prepare travels the CPUs in ascending order (ordered acquisition cannot form a wait cycle): each CPU that admits
/// holds and forwards, the last tells the coordinator. Arrays of length 1 apply to every CPU of the plan.
/// </remarks>
internal sealed class Plan
{
    public required long TxId { get; init; }

    public required int[] Cpus { get; init; }

    public required IActorRef<CpuMsg>[] Refs { get; init; }

    public required IActorRef<NegotiationResult> Coordinator { get; init; }

    /// <summary>The increase asked of each CPU, or null for a plan of decreases only.</summary>
    public LedgerChange[]? Increases { get; init; }

    /// <summary>Decreases applied at commit (marked while undecided, so a CPU waits for them instead of refusing).</summary>
    public LedgerChange[][]? Decreases { get; init; }

    /// <summary>A single-CPU plan: the CPU decides and commits at once, no second round.</summary>
    public bool OneStep { get; init; }

    /// <summary>The optimistic round: sent to every CPU at once; a CPU that cannot admit at once answers busy, never waits.</summary>
    public bool FanOut { get; init; }

    public CpuBoundEffect? Effect { get; init; }

    /// <summary>The task's armed list once committed, applied where the task runs.</summary>
    public TaskArmed? TaskArmed { get; init; }

    public Linearization? Tag { get; init; }

    public LedgerChange? IncreaseAt(int index) => Increases is null ? null : Increases.Length == 1 ? Increases[0] : Increases[index];

    public LedgerChange[] DecreasesAt(int index) => Decreases is null ? [] : Decreases.Length == 1 ? Decreases[0] : Decreases[index];

    public IActorRef<CpuMsg> RefAt(int index) => Refs[Cpus[index]];
}
