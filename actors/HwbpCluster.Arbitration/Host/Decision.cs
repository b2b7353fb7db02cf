using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Host;

/// <summary>What the host decided, and every side effect the actors must carry out.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="ReservationId">The reservation admitted, queued, released or modified (0 for fork and exit).</param>
/// <param name="Reason">Why, for anything but success: names the rule broken or what holds the slots.</param>
public sealed record Decision(Outcome Outcome, long ReservationId, string Reason)
{
    /// <summary>The validation verdict (valid unless the outcome is Invalid or NotPermitted).</summary>
    public ValidationResult Validation { get; init; } = ValidationResult.Valid;

    /// <summary>Who holds the slots, for NoRoom and Queued.</summary>
    public SlotHolders? Holders { get; init; }

    /// <summary>Fork: the child's new reservations. Exit: the task's released reservations.</summary>
    public IReadOnlyList<long> Affected { get; init; } = [];

    /// <summary>Pinned perf reservations kgdb suspended to make room for this one.</summary>
    public IReadOnlyList<long> Suspended { get; init; } = [];

    /// <summary>Suspended reservations that came back because room returned.</summary>
    public IReadOnlyList<long> Resumed { get; init; } = [];

    /// <summary>Queued reservations that were admitted because room returned.</summary>
    public IReadOnlyList<long> Served { get; init; } = [];

    /// <summary>True for Admitted and Done.</summary>
    public bool Succeeded => Outcome is Outcome.Admitted or Outcome.Done;
}
