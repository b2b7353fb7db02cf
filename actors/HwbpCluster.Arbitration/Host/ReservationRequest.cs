namespace HwbpCluster.Arbitration.Host;

/// <summary>A client's request for one hardware breakpoint on one host.</summary>
/// <param name="Kind">The client kind asking.</param>
/// <param name="Spec">Address, length and access kind.</param>
/// <param name="Scope">Where it applies.</param>
public sealed record ReservationRequest(ClientKind Kind, BreakpointSpec Spec, Scope Scope)
{
    /// <summary>Pinned reservations hold a slot (Linux's rule); flexible ones (perf, pinned = false) are multiplexed. Default true.</summary>
    public bool Pinned { get; init; } = true;

    /// <summary>Task breakpoints with Inherit are copied to children forked later. Default false.</summary>
    public bool Inherit { get; init; }

    /// <summary>Whether the client holds kernel-level rights (kernel addresses, CPU-bound scopes, kgdb). Default false.</summary>
    public bool Privileged { get; init; }

    /// <summary>When there is no room, queue the request instead of refusing it. Default false.</summary>
    public bool MayWait { get; init; }
}
