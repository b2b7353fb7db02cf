namespace HwbpCluster.Hosts.Internal;

/// <summary>A client actor's protocol: its session's reservation-event feeds (hits bypass it: HitFanOut).</summary>
internal abstract record ClientMsg
{
    public sealed record WatchEvents(EventSubscription<ReservationEvent> Subscription) : ClientMsg;

    public sealed record Unwatch(object Subscription) : ClientMsg;

    public sealed record Event(ReservationEvent Change) : ClientMsg;

    /// <summary>The session closed: complete every feed and stop.</summary>
    public sealed record Close : ClientMsg;
}
