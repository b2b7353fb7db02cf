namespace HwbpCluster.Arbitration.Host;

/// <summary>The outcome of a host decision.</summary>
public enum Outcome
{
    /// <summary>The reservation was admitted (see <see cref="Decision.ReservationId"/>).</summary>
    Admitted = 0,

    /// <summary>A release, modify, fork or exit was carried out.</summary>
    Done = 1,

    /// <summary>No room now; the request waits in the host's queue under <see cref="Decision.ReservationId"/>.</summary>
    Queued = 2,

    /// <summary>No room: <see cref="Decision.Reason"/> names what holds the slots (gRPC RESOURCE_EXHAUSTED).</summary>
    NoRoom = 3,

    /// <summary>The request broke a rule for everyone (gRPC INVALID_ARGUMENT); see <see cref="Decision.Validation"/>.</summary>
    Invalid = 4,

    /// <summary>The request is not allowed for this client (gRPC PERMISSION_DENIED); see <see cref="Decision.Validation"/>.</summary>
    NotPermitted = 5,

    /// <summary>No such reservation (gRPC NOT_FOUND).</summary>
    NotFound = 6,
}
