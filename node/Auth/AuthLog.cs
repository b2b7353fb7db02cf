
namespace HwbpCluster.Node.Auth;

/// <summary>Authentication's log messages.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "Refused {Method} from {Peer}: {Reason}")]
    public static partial void Refused(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Reloaded the tokens file: {Removed} tokens removed, {Ended} of their sessions ended")]
    public static partial void Reloaded(ILogger logger, int removed, int ended);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Kept the tokens in force: the tokens file did not reload: {Reason}")]
    public static partial void ReloadFailed(ILogger logger, string reason);
}
