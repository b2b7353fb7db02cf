namespace HwbpCluster.Hosts;

/// <summary>Why a host operation failed; each maps to one gRPC status code.</summary>
public enum HostError
{
    /// <summary>A malformed breakpoint or scope (INVALID_ARGUMENT).</summary>
    InvalidArgument = 0,

    /// <summary>No room, naming what holds the slots (RESOURCE_EXHAUSTED).</summary>
    NoRoom = 1,

    /// <summary>Unknown session, task, CPU or reservation (NOT_FOUND).</summary>
    NotFound = 2,

    /// <summary>The client kind may not use this scope or address (PERMISSION_DENIED).</summary>
    PermissionDenied = 3,

    /// <summary>The operation does not fit the current state, e.g. a CPU already borrowed (FAILED_PRECONDITION).</summary>
    FailedPrecondition = 4,

    /// <summary>The backend refused for a reason outside our accounting, e.g. slots held by another user of the host (UNAVAILABLE).</summary>
    BackendRefused = 5,

    /// <summary>A queued request's wait_ms ran out without room (RESOURCE_EXHAUSTED: DEADLINE_EXCEEDED is the call's own deadline).</summary>
    WaitExpired = 6,

    /// <summary>The host was taken out after a failure of its actors and serves nothing any more (UNAVAILABLE).</summary>
    Unavailable = 7,

    /// <summary>The host lives on another node that is unreachable or answered too late (UNAVAILABLE, naming the node).</summary>
    Unreachable = 8,
}
