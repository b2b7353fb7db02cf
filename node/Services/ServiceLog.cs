
namespace HwbpCluster.Node.Services;

/// <summary>The API services' log messages.</summary>
internal static partial class ServiceLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning,
        Message = "{Stream} of session {SessionId} ended having dropped {Dropped} events for a slow reader ({Delivered} delivered)")]
    public static partial void EventsDropped(ILogger logger, string stream, string sessionId, long dropped, long delivered);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information,
        Message = "Fleet reserve for session {SessionId} on {Hosts} hosts: {Succeeded} succeeded, committed {Committed}")]
    public static partial void FleetReserved(ILogger logger, string sessionId, int hosts, int succeeded, bool committed);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "{Method} failed; the caller got INTERNAL")]
    public static partial void Failed(ILogger logger, string method, Exception exception);
}
