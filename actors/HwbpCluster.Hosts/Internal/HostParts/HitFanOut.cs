using System.Collections.Concurrent;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>A host's hits, from the CPU that saw them straight to the owning session's hit feeds, never through the host actor.</summary>
/// <remarks>
/// <para>Ownership and visibility are decided once, on the host actor's turn: a reservation is routed to its session's
/// feeds when it becomes live and unrouted when it leaves, and feeds attach and detach there too. Delivery
/// (<see cref="Deliver"/>) runs on whichever CPU actor's turn saw the hit and only reads: one dictionary lookup, an atomic
/// count on the record, a write into each bounded feed.</para>
/// <para>A reservation's hits on one CPU arrive in that CPU's order (its turns are sequential and each delivery is
/// synchronous); hits on different CPUs were never ordered. A feed that is full drops the newest hits and counts them
/// (<see cref="EventSubscription{T}.Dropped"/>), as before.</para>
/// </remarks>
internal sealed class HitFanOut
{
    private readonly ConcurrentDictionary<long, HitRoute> _routes = new();
    private readonly Dictionary<string, SessionHits> _sessions = new(StringComparer.Ordinal);

    /// <summary>Any thread: counts each hit on its live reservation and writes it to that session's feeds.</summary>
    public void Deliver(IReadOnlyList<HitRecord> hits)
    {
        foreach (var hit in hits)
        {
            if (_routes.TryGetValue(hit.ReservationId, out var route))
            {
                route.Record.CountHit();
                route.Session?.Publish(hit);
            }
        }
    }

    /// <summary>Host actor's turn: the session's hits have feeds from now on.</summary>
    public void Open(string sessionId) => _sessions[sessionId] = new SessionHits();

    /// <summary>Host actor's turn: the session's feeds end; hits still in flight for it go nowhere.</summary>
    public void Close(string sessionId)
    {
        if (_sessions.Remove(sessionId, out var session))
        {
            session.Close();
        }
    }

    /// <summary>Host actor's turn (it stops): every feed ends.</summary>
    public void CloseAll()
    {
        foreach (var session in _sessions.Values)
        {
            session.Close();
        }

        _sessions.Clear();
        _routes.Clear();
    }

    /// <summary>Host actor's turn: attaches a feed, or completes it at once when the session is not open.</summary>
    public void Watch(string sessionId, EventSubscription<HitRecord> feed)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.Add(feed);
        }
        else
        {
            feed.Complete();
        }
    }

    public void Unwatch(string sessionId, object feed)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.Remove(feed);
        }
    }

    /// <summary>Host actor's turn: the record is live; its hits count and go to its session's feeds (none once it closed).</summary>
    public void Route(ReservationRecord record) =>
        _routes[record.Id] = new HitRoute(record, _sessions.GetValueOrDefault(record.Session.SessionId));

    /// <summary>Host actor's turn: the record left; its later hits are not counted nor delivered.</summary>
    public void Unroute(long id) => _routes.TryRemove(id, out _);

    private sealed record HitRoute(ReservationRecord Record, SessionHits? Session);
}
