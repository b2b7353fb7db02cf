namespace HwbpCluster.Arbitration.Policy;

/// <summary>A reservation holding a slot of the refused pool on the CPU that refused a kgdb request: what preemption chooses among.</summary>
/// <param name="Id">The reservation id (higher is newer).</param>
/// <param name="Kind">Its client kind.</param>
/// <param name="Pinned">Pinned (only pinned perf reservations may be suspended).</param>
/// <param name="TaskId">The task it is bound to, 0 for a CPU-bound or wide reservation.</param>
public readonly record struct PreemptionCandidate(long Id, ClientKind Kind, bool Pinned, long TaskId);
