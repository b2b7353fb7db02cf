namespace HwbpCluster.Arbitration.Host;

/// <summary>A reservation the host knows of: its request, its current spec (modify changes it) and its state.</summary>
/// <param name="Id">Reservation id, unique on the host, handed out in increasing order (1, 2, ...).</param>
/// <param name="Request">The request as made (for forked copies: with the child's task in the scope).</param>
/// <param name="Spec">The current address, length and access.</param>
/// <param name="Pool">The pool <see cref="Spec"/> is accounted in.</param>
/// <param name="State">Active, suspended or queued.</param>
public sealed record Reservation(long Id, ReservationRequest Request, BreakpointSpec Spec, Pool Pool, ReservationState State)
{
    /// <summary>True when the reservation holds a slot now (pinned and active).</summary>
    public bool IsCounted => Request.Pinned && State == ReservationState.Active;
}
