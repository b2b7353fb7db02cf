using Microsoft.Extensions.Logging;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>The Linux host's log messages.</summary>
internal static partial class LinuxHostLog
{
    [LoggerMessage(1, LogLevel.Information, "Host {Host}: linux backend on {Profile}; {Support}")]
    public static partial void Started(ILogger logger, string host, string profile, string support);

    [LoggerMessage(2, LogLevel.Warning, "Host {Host}: kernel refused reservation {Id} ({Scope}) after admission: {Failure}")]
    public static partial void KernelRefused(ILogger logger, string host, long id, string scope, string failure);

    [LoggerMessage(3, LogLevel.Information, "Host {Host}: task {Tid} exited; releasing {Count} reservation(s)")]
    public static partial void TaskExited(ILogger logger, string host, long tid, int count);

    [LoggerMessage(4, LogLevel.Warning, "Host {Host}: reservation {Id} lost {Count} sample(s) ({Kind}); its hit count stays exact")]
    public static partial void SamplesLost(ILogger logger, string host, long id, ulong count, string kind);

    [LoggerMessage(5, LogLevel.Error, "Host {Host}: could not undo reservation {Id} in the accounting")]
    public static partial void UndoFailed(ILogger logger, Exception exception, string host, long id);

    [LoggerMessage(6, LogLevel.Error, "Host {Host}: following a kernel notice or an accounting event failed")]
    public static partial void NoticeFailed(ILogger logger, Exception exception, string host);

    [LoggerMessage(7, LogLevel.Warning, "Host {Host}: CPU-wide breakpoints unavailable, CPU and all-cpus scopes will be refused: {Reason}")]
    public static partial void NoCpuWide(ILogger logger, string host, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Host {Host}: reservation {Id} throttled by the kernel")]
    public static partial void Throttled(ILogger logger, string host, long id);
}
