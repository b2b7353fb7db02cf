namespace HwbpCluster.Hosts.Internal;

/// <summary>How a prepare chain ended.</summary>
internal enum NegotiationResultKind
{
    /// <summary>Every CPU of the plan holds its room (or marked its decrease); the coordinator decides.</summary>
    AllHeld = 0,

    /// <summary>A one-step plan: its CPU admitted and committed at once.</summary>
    Committed = 1,

    /// <summary>A CPU refused; the holds taken before it must be aborted.</summary>
    Refused = 2,

    /// <summary>Optimistic round: this CPU (at <see cref="NegotiationResult.RefusedIndex"/>) holds its room.</summary>
    Held = 3,

    /// <summary>Optimistic round: this CPU could only wait; the plan falls back to the ordered chain.</summary>
    Busy = 4,

    /// <summary>A routing step (see <see cref="Plan.Routing"/>): the summary cannot decide alone; the plan runs on the CPUs too.</summary>
    NeedsCpus = 5,
}
