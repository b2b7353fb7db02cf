using System.Collections.Concurrent;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// What the campaign's sessions hold and where they live, so that a fault can say which reservations must be gone by when:
/// a killed or cut-off node's sessions renew nothing any more on other nodes' hosts, and a cut-off node's hosts hear no
/// renewal from other nodes' sessions. Each of those reservations is handed to <see cref="LeaseDeadlines"/> with the fault's
/// time plus the lease and the allowed slack.
/// </summary>
public sealed class SessionLedger(LeaseDeadlines deadlines, TimeSpan lease)
{
    private readonly ConcurrentDictionary<string, TrackedSession> _sessions = new();

    /// <summary>How long after a lease's end a host may still show its reservation: one renewal interval and a poll.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1_500);

    /// <summary>Sessions tracked now.</summary>
    public int Count => _sessions.Count;

    /// <summary>Starts tracking a session opened on node <paramref name="node"/>.</summary>
    public TrackedSession Opened(string sessionId, int node)
    {
        var session = new TrackedSession(sessionId, node);
        _sessions[sessionId] = session;
        return session;
    }

    /// <summary>The session is closed or abandoned at <paramref name="at"/>: everything it held must be gone a lease later.</summary>
    public void Ended(TrackedSession session, DateTime at)
    {
        _sessions.TryRemove(session.Id, out _);
        foreach (var reservation in session.Held)
        {
            deadlines.Expect(reservation.Key, at + lease + Slack, $"session {session.Id} of n{session.Node} ended at {at:HH:mm:ss.fff}");
        }
    }

    /// <summary>Node <paramref name="node"/> was killed at <paramref name="at"/>: its sessions' reservations on other nodes' hosts expire.</summary>
    public void Killed(int node, DateTime at)
    {
        foreach (var session in _sessions.Values.Where(s => s.Node == node))
        {
            _sessions.TryRemove(session.Id, out _);
            ExpectAway(session, host => FaultNodes.OwnerOf(host) != node, at, "killed");
        }
    }

    /// <summary>
    /// Node <paramref name="node"/> was cut off at <paramref name="at"/>: its sessions' reservations on other nodes' hosts, and
    /// other sessions' reservations on its hosts, expire; each side keeps what its own sessions hold on its own hosts.
    /// </summary>
    public void Cut(int node, DateTime at)
    {
        foreach (var session in _sessions.Values)
        {
            ExpectAway(session, host => (FaultNodes.OwnerOf(host) == node) != (session.Node == node), at, $"n{node} cut", node);
        }
    }

    /// <summary>Node <paramref name="node"/>'s link was healed at <paramref name="at"/>: its cut's deadlines not yet passed are void.</summary>
    public void Healed(int node, DateTime at) => deadlines.Healed(node, at);

    private void ExpectAway(TrackedSession session, Func<string, bool> lost, DateTime at, string fault, int? cut = null)
    {
        foreach (var reservation in session.Held.Where(r => lost(r.Value)))
        {
            deadlines.Expect(reservation.Key, at + lease + Slack, $"session {session.Id} of n{session.Node}, {fault} at {at:HH:mm:ss.fff}", cut);
            session.Forget(reservation.Key);
        }
    }
}

/// <summary>A campaign session: the node it lives on and the reservations it holds (id to host).</summary>
public sealed class TrackedSession(string id, int node)
{
    private readonly ConcurrentDictionary<string, string> _held = new();

    /// <summary>The session id.</summary>
    public string Id => id;

    /// <summary>The node that opened it.</summary>
    public int Node => node;

    /// <summary>Reservations held now, id to host.</summary>
    public IReadOnlyDictionary<string, string> Held => _held;

    /// <summary>A reservation was granted.</summary>
    public void Granted(string reservationId, string host) => _held[reservationId] = host;

    /// <summary>A reservation was released, or is known to be gone.</summary>
    public void Forget(string reservationId) => _held.TryRemove(reservationId, out _);
}
