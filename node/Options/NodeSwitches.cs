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
        ["--flexible-slice-ms"] = Prefix + nameof(HwbpNodeOptions.FlexibleSliceMs),
        ["--idle-collect-seconds"] = Prefix + nameof(HwbpNodeOptions.IdleCollectSeconds),
        ["--auth-tokens-file"] = Prefix + nameof(HwbpNodeOptions.AuthTokensFile),
        ["--seeds"] = Prefix + nameof(HwbpNodeOptions.Seeds),
        ["--seed-token"] = Prefix + nameof(HwbpNodeOptions.SeedToken),
        ["--seed-ca"] = Prefix + nameof(HwbpNodeOptions.SeedCa),
        ["--cluster-urls"] = Prefix + nameof(HwbpNodeOptions.ClusterUrls),
        ["--cluster-tls-cert"] = Prefix + nameof(HwbpNodeOptions.ClusterTlsCert),
        ["--cluster-tls-key"] = Prefix + nameof(HwbpNodeOptions.ClusterTlsKey),
        ["--cluster-tls-ca"] = Prefix + nameof(HwbpNodeOptions.ClusterTlsCa),
        ["--web-urls"] = Prefix + nameof(HwbpNodeOptions.WebUrls),
        ["--watch-buffer"] = Prefix + nameof(HwbpNodeOptions.WatchBufferCapacity),
        ["--hit-wakeup"] = Prefix + nameof(HwbpNodeOptions.HitWakeup),
        ["--allow-silent-hardware"] = Prefix + nameof(HwbpNodeOptions.AllowSilentHardware),
        ["--verbose"] = Prefix + nameof(HwbpNodeOptions.Verbose),
        ["--max-sessions-per-token"] = Prefix + nameof(HwbpNodeOptions.MaxSessionsPerToken),
        ["--max-reservations-per-token"] = Prefix + nameof(HwbpNodeOptions.MaxReservationsPerToken),
        ["--max-connections"] = Prefix + nameof(HwbpNodeOptions.MaxConnections),
        ["--idle-timeout-ms"] = Prefix + nameof(HwbpNodeOptions.IdleTimeoutMs),
        ["--tls-cert"] = Prefix + nameof(HwbpNodeOptions.TlsCert),
        ["--tls-key"] = Prefix + nameof(HwbpNodeOptions.TlsKey),
        ["--tls-client-ca"] = Prefix + nameof(HwbpNodeOptions.TlsClientCa),
        ["--audit-log"] = Prefix + nameof(HwbpNodeOptions.AuditLog),
        ["--audit-log-max-bytes"] = Prefix + nameof(HwbpNodeOptions.AuditLogMaxBytes),
        ["--audit-log-files"] = Prefix + nameof(HwbpNodeOptions.AuditLogFiles),
    };

    /// <summary>The log levels <c>--verbose</c> sets: the node's debug lines and ASP.NET Core's start-up lines ("Now listening", ...).</summary>
    public static IReadOnlyDictionary<string, string?> VerboseLogging { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>Switches that may stand alone; the configuration provider needs a value, so a bare one becomes <c>--flag=true</c>.</summary>
    private static readonly string[] Flags = ["--allow-silent-hardware", "--verbose"];

    /// <summary>The arguments with every bare flag given its value, so it cannot swallow the next switch as its value.</summary>
    public static string[] ExpandFlags(string[] args) => [.. args.Select((arg, i) =>
        Flags.Contains(arg, StringComparer.OrdinalIgnoreCase) && !IsBoolean(args.ElementAtOrDefault(i + 1)) ? arg + "=true" : arg)];

    /// <summary>
    /// <c>--urls</c> taken out of <paramref name="args"/>: the node binds its endpoints itself, and a web host that saw the
    /// switch too would log that Kestrel's endpoints override it ("Overriding address(es)").
    /// </summary>
    public static (string? Urls, string[] Others) TakeUrls(string[] args)
    {
        string? urls = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Equals("--urls", StringComparison.OrdinalIgnoreCase) && i + 1 < args.Length)
            {
                urls = args[++i];
            }
            else if (args[i].StartsWith("--urls=", StringComparison.OrdinalIgnoreCase))
            {
                urls = args[i]["--urls=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (urls, [.. rest]);
    }

    private static bool IsBoolean(string? value) => bool.TryParse(value, out _);
}
