namespace HwbpCluster.Hosts;

/// <summary>The client-visible state of a reservation (hwbp.v1 ReservationState).</summary>
public enum ReservationStatus
{
    /// <summary>Armed whenever its scope runs.</summary>
    Active = 1,

    /// <summary>Flexible, sharing slots in time slices.</summary>
    Multiplexed = 2,

    /// <summary>Temporarily switched out: a guest borrow, kgdb preemption, or waiting in the queue.</summary>
    Suspended = 3,

    /// <summary>Gone: released, expired, its task exited, or the host was lost.</summary>
    Released = 4,
}
