using Microsoft.Extensions.Logging;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The host's log messages.</summary>
internal static partial class HostLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Critical,
        Message = "Host {Host} was taken out: an actor failed and its state can no longer be trusted; every call now fails UNAVAILABLE")]
    public static partial void TakenOut(ILogger logger, string host, Exception cause);
}
