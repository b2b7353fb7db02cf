using Microsoft.Extensions.Logging;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The cluster's log messages.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Remote session {SessionId}: lease ran out, closed on {Hosts} host(s)")]
    public static partial void LeaseExpired(ILogger logger, string sessionId, int hosts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Remote session {SessionId}: closing it on host {Host} failed")]
    public static partial void LeaseCloseFailed(ILogger logger, string sessionId, string host, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Cluster: {Node} is incarnation {Uid} at {Address}")]
    public static partial void Incarnated(ILogger logger, string node, long uid, string address);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Cluster: this node was downed; rejoining as a new incarnation in {Delay}")]
    public static partial void Downed(ILogger logger, TimeSpan delay);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Cluster: refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Cluster: starting incarnation failed; retrying")]
    public static partial void IncarnationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Cluster: this node's previous process at {Address} is still a member; downing it to take its hosts over")]
    public static partial void ReplacingPredecessor(ILogger logger, string address);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Cluster: refused a TLS connection with {Peer}: {Reason}")]
    public static partial void PeerRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Cluster: the seeds answer for another cluster, without this node, that stays (a healed split); rejoining it through {Members}")]
    public static partial void YieldingToCluster(ILogger logger, string members);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Cluster: asking the seeds how they see the cluster failed; asking again")]
    public static partial void IslandCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Cluster: no seed that answers is in a cluster, and this node comes first of them; forming the cluster anew")]
    public static partial void FormingAnew(ILogger logger);

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Remote session {SessionId}: leased on host {Host} until {Deadline:HH:mm:ss.fff}")]
    public static partial void LeaseOpened(ILogger logger, string sessionId, string host, DateTimeOffset deadline);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "Remote session {SessionId}: lease ran out at {Deadline:HH:mm:ss.fff}, closing on {Hosts} host(s)")]
    public static partial void LeaseDue(ILogger logger, string sessionId, DateTimeOffset deadline, int hosts);
}
