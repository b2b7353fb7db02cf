namespace HwbpCluster.Hosts.Internal;

/// <summary>A client actor's protocol: its session's feeds.</summary>
internal abstract record ClientMsg
{
    public sealed record WatchHits(EventSubscription<HitRecord> Subscription) : ClientMsg;

    public sealed record WatchEvents(EventSubscription<ReservationEvent> Subscription) : ClientMsg;

    public sealed record Unwatch(object Subscription) : ClientMsg;

    public sealed record Hit(HitRecord Record) : ClientMsg;

    public sealed record Event(ReservationEvent Change) : ClientMsg;

    /// <summary>The session closed: complete every feed and stop.</summary>
    public sealed record Close : ClientMsg;
}
