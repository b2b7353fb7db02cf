using Microsoft.Extensions.Logging;

namespace HwbpCluster.Actors.Internal;

/// <summary>The runtime's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Actor {Path} failed; supervisor decided {Directive}")]
    public static partial void ActorFailed(ILogger logger, Exception exception, string path, Directive directive);

    [LoggerMessage(2, LogLevel.Debug, "Dead letter to {Path}: {MessageType}")]
    public static partial void DeadLetter(ILogger logger, string path, string messageType);

    [LoggerMessage(3, LogLevel.Error, "Actor {Path} threw from a lifecycle hook")]
    public static partial void HookFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(4, LogLevel.Error, "A subscriber to {EventType} threw")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, string eventType);
}
