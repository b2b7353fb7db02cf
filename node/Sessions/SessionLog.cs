using HwbpCluster.Arbitration;

namespace HwbpCluster.Node.Sessions;

/// <summary>Session leases' log messages.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information,
        Message = "Session {SessionId} opened: {Kind} client '{ClientName}' with token {Owner}, lease {TtlMs} ms")]
    public static partial void Opened(ILogger logger, string sessionId, ClientKind kind, string clientName, string owner, int ttlMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Session {SessionId} ended ({Reason}): {Released} reservations released")]
    public static partial void Ended(ILogger logger, string sessionId, string reason, int released);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Session {SessionId} could not be closed on host {Host}")]
    public static partial void CloseFailed(ILogger logger, string sessionId, string host, Exception exception);
}
