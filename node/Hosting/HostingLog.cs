namespace HwbpCluster.Node.Hosting;

/// <summary>The node's start-up log messages.</summary>
internal static partial class HostingLog
{
    // Debug: the banner on standard output says the same; a log at Information would print it twice.
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Node {Node} serving hosts {Hosts} ({Backend}, {Arch}) on {Addresses}, authentication {Authentication}")]
    public static partial void Started(
        ILogger logger, string node, string hosts, string backend, string arch, string addresses, string authentication);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Host {Host}: {Warning}")]
    public static partial void HostWarning(ILogger logger, string host, string warning);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Cluster: {Address} joining through {Seeds}")]
    public static partial void ClusterJoining(ILogger logger, string address, string seeds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Critical, Message = "Cluster refused this node: {Reason}; stopping")]
    public static partial void ClusterRefused(ILogger logger, string reason);
}
