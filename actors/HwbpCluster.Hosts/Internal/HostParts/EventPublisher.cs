using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>The sessions' feeds: reservation events through the owning session's client actor, hits through the <see cref="HitFanOut"/>.</summary>
internal sealed class EventPublisher(HostTurn turn, SessionTable sessions, HitFanOut hits)
{
    /// <summary>A session opened: its hits have feeds from now on.</summary>
    public void Opened(string sessionId) => hits.Open(sessionId);

    /// <summary>A session closed and its reservations are released: every feed of it ends.</summary>
    public void Closed(string sessionId) => hits.Close(sessionId);

    /// <summary>Tells the record's session (if still open, or <paramref name="client"/>) what happened to it.</summary>
    public void Publish(ReservationRecord record, string reason, ReservationStatus? status = null, IActorRef<ClientMsg>? client = null) =>
        (client ?? sessions.ClientOf(record.Session.SessionId))?.Tell(
            new ClientMsg.Event(new ReservationEvent(record.View(turn.Name, status), reason, turn.Now)));

    /// <summary>Attaches a feed to the session's client actor, or completes it at once when the session is not open.</summary>
    public void Watch(string sessionId, ClientMsg watch, Action unknown)
    {
        if (sessions.ClientOf(sessionId) is { } client)
        {
            client.Tell(watch);
        }
        else
        {
            unknown();
        }
    }

    public void WatchHits(string sessionId, EventSubscription<HitRecord> feed) => hits.Watch(sessionId, feed);

    public void Unwatch(string sessionId, object subscription)
    {
        hits.Unwatch(sessionId, subscription);
        sessions.ClientOf(sessionId)?.Tell(new ClientMsg.Unwatch(subscription));
    }

    /// <summary>The host stops: every hit feed ends (the client actors end the event feeds as they stop).</summary>
    public void Stopped() => hits.CloseAll();
}
