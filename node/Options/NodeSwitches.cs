namespace HwbpCluster.Node.Options;

/// <summary>The kebab-case command-line switches and the option each sets.</summary>
internal static class NodeSwitches
{
    private const string Prefix = HwbpNodeOptions.SectionName + ":";

    /// <summary>Switch to configuration key, for the command-line configuration provider.</summary>
    public static IDictionary<string, string> Mappings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--node-name"] = Prefix + nameof(HwbpNodeOptions.NodeName),
        ["--host-name"] = Prefix + nameof(HwbpNodeOptions.HostName),
        ["--backend"] = Prefix + nameof(HwbpNodeOptions.Backend),
        ["--arch"] = Prefix + nameof(HwbpNodeOptions.Arch),
        ["--cpus"] = Prefix + nameof(HwbpNodeOptions.Cpus),
        ["--sim-hosts"] = Prefix + nameof(HwbpNodeOptions.SimHosts),
        ["--labels"] = Prefix + nameof(HwbpNodeOptions.Labels),
        ["--session-ttl-ms"] = Prefix + nameof(HwbpNodeOptions.SessionTtlMs),
        ["--max-session-ttl-ms"] = Prefix + nameof(HwbpNodeOptions.MaxSessionTtlMs),
        ["--max-wait-ms"] = Prefix + nameof(HwbpNodeOptions.MaxWaitMs),
        ["--auth-tokens-file"] = Prefix + nameof(HwbpNodeOptions.AuthTokensFile),
        ["--seeds"] = Prefix + nameof(HwbpNodeOptions.Seeds),
        ["--watch-buffer"] = Prefix + nameof(HwbpNodeOptions.WatchBufferCapacity),
    };
}
