namespace HwbpCluster.Node.Dashboard;

/// <summary>The dashboard's log messages.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Dashboard: reading the cluster failed; trying again")]
    public static partial void ReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 701, Level = LogLevel.Warning, Message = "Refused dashboard {Path} from {Peer}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string peer, string reason);

    [LoggerMessage(EventId = 702, Level = LogLevel.Debug, Message = "Dashboard: the warm-up at start did not finish ({Reason}); the first page pays for it")]
    public static partial void WarmupFailed(ILogger logger, string reason);
}
