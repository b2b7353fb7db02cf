using System.Collections.Concurrent;
using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster.Internal;

/// <summary>This node's own sessions as other nodes' hosts see them: their lease and where they hold something.</summary>
internal sealed class OriginSessions
{
    private readonly ConcurrentDictionary<string, Origin> live = new(StringComparer.Ordinal);

    /// <summary>Starts tracking a session opened on this node with lease <paramref name="ttl"/>.</summary>
    public void Track(SessionInfo session, TimeSpan ttl) => live[session.SessionId] = new Origin(session, ttl);

    /// <summary>The session, if it is live on this node.</summary>
    public bool TryGetValue(string sessionId, out Origin origin) => live.TryGetValue(sessionId, out origin!);

    /// <summary>Stops tracking; returns what it had, for the close fan-out.</summary>
    public Origin? Remove(string sessionId) => live.TryRemove(sessionId, out var origin) ? origin : null;

    /// <summary>A live session and the remote hosts that lease it.</summary>
    internal sealed class Origin(SessionInfo info, TimeSpan ttl)
    {
        public SessionInfo Info { get; } = info;

        public TimeSpan Ttl { get; } = ttl;

        /// <summary>Remote hosts that know the session, by name, with the owner that was asked.</summary>
        public ConcurrentDictionary<string, HostOwner> Present { get; } = new(StringComparer.Ordinal);

        public Wire.Session ToWire() => Codec.ToWire(Info, Ttl);
    }
}
