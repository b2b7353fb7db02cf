namespace HwbpCluster.Arbitration.Host;

/// <summary>Where a reservation stands.</summary>
public enum ReservationState
{
    /// <summary>Admitted: holds its slot (pinned) or takes part in the rotation (flexible).</summary>
    Active = 0,

    /// <summary>A pinned perf reservation that kgdb suspended; it comes back, in original order, when room returns.</summary>
    Suspended = 1,

    /// <summary>Waiting in the host's queue for room.</summary>
    Queued = 2,
}
