
namespace HwbpCluster.Node.Auth;

/// <summary>Authentication's log messages.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string peer, string reason);
}
