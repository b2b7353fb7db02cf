using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>A ledger's own answers in the two-phase protocol (a CPU's, or the summary's); <see cref="HoldKeeper"/> runs the protocol over it.</summary>
internal interface ILedgerSide
{
    /// <summary>The CPU this ledger is, or -1 for the summary.</summary>
    int Cpu { get; }

    /// <summary>For a routing step (<see cref="Plan.Routing"/>, the summary only): true when this ledger decides the plan alone;
    /// false when the plan must run on the CPUs too (the ledger then counts it as under way until the coordinator says it is over).</summary>
    bool TakesAlone(Plan plan);

    /// <summary>Would the plan's increase at <paramref name="index"/> fit now (Admit when it has none)? Changes nothing.</summary>
    HoldDecision Evaluate(Plan plan, int index);

    /// <summary>Holds the room of an admitted increase under the plan's id.</summary>
    void Hold(Plan plan, int index);

    /// <summary>Applies an admitted increase at once (a one-step plan).</summary>
    void Apply(Plan plan, int index);

    /// <summary>Makes a held increase permanent, or gives it back.</summary>
    void Decide(Plan plan, bool commit);

    /// <summary>At commit: the plan's decreases here, and what it arms or disarms.</summary>
    void ApplyCommit(Plan plan, int index);

    /// <summary>For a refusal: who holds the slots, and the CPU where the request does not fit.</summary>
    (string Holders, int Cpu) Explain(Plan plan, int index);
}
