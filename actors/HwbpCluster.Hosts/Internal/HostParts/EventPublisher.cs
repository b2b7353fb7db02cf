using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>The sessions' feeds: reservation events go to the owning session's client actor; watches attach there.</summary>
internal sealed class EventPublisher(HostTurn turn, SessionTable sessions)
{
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

    public void Unwatch(string sessionId, object subscription) => sessions.ClientOf(sessionId)?.Tell(new ClientMsg.Unwatch(subscription));

    /// <summary>Counts each hit on its live reservation and sends it to that reservation's session.</summary>
    public void Hits(ReservationRegistry registry, IReadOnlyList<HitRecord> records)
    {
        foreach (var hit in records)
        {
            if (registry.TryGet(hit.ReservationId, out var record))
            {
                record.Hits++;
                sessions.ClientOf(record.Session.SessionId)?.Tell(new ClientMsg.Hit(hit));
            }
        }
    }
}
