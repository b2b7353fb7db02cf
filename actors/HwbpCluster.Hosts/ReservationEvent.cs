namespace HwbpCluster.Hosts;

/// <summary>A reservation's state changed.</summary>
/// <param name="Reservation">Its state after the change.</param>
/// <param name="Reason">Why: <c>reserved</c>, <c>queued</c>, <c>served</c>, <c>modified</c>, <c>released</c>, <c>guest-enter</c>,
/// <c>guest-exit</c>, <c>preempted-by kgdb</c>, <c>resumed</c>, <c>task-exited</c>, <c>session-closed</c>, <c>lease-expired</c>, ...</param>
/// <param name="Time">When, from the host's TimeProvider.</param>
public sealed record ReservationEvent(ReservationView Reservation, string Reason, DateTimeOffset Time);
