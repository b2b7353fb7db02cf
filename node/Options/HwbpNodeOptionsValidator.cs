using HwbpCluster.Arbitration;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Options;

/// <summary>Checks the node's options at start-up, naming the switch and the rule of every failure.</summary>
internal sealed class HwbpNodeOptionsValidator : IValidateOptions<HwbpNodeOptions>
{
    // A day: far beyond any sensible wait, and far below the 49.7 days a .NET timer can count.
    private const int MaxWaitLimitMs = 86_400_000;

    // A turn of ten seconds is no rotation any more: a flexible breakpoint would look lost to its client.
    private const int MaxFlexibleSliceMs = 10_000;
    private const int MaxIdleCollectSeconds = 3_600;

    // Sixteen wakeups' worth of hits must fit an event's ring: 1,024 hits is a ring of 256 pages (1 MiB) per breakpoint.
    private const int MaxHitWakeup = 1_024;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, HwbpNodeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeName))
        {
            failures.Add("--node-name must not be empty");
        }

        if (string.IsNullOrWhiteSpace(options.HostName) || options.HostName.Contains('/', StringComparison.Ordinal))
        {
            failures.Add("--host-name must be non-empty and must not contain '/' (reservation ids are HOST/N)");
        }

        if (options.Backend is not ("sim" or "linux"))
        {
            failures.Add($"--backend must be sim or linux, not '{options.Backend}'");
        }

        if (options.Cpus is < 0 or > ArchProfile.MaxCpus)
        {
            failures.Add($"--cpus must be 1 to {ArchProfile.MaxCpus} (0 = this machine's count), not {options.Cpus}");
        }
        else if (ArchNames.TryProfile(options.Arch, Math.Max(1, options.EffectiveCpus())) is null)
        {
            failures.Add($"--arch must be one of {string.Join(", ", ArchNames.Accepted)}, not '{options.Arch}'");
        }

        if (options.SimHosts is < 1 or > 1000 || (options.Backend == "linux" && options.SimHosts != 1))
        {
            failures.Add($"--sim-hosts must be 1 to 1000 (and 1 with --backend linux), not {options.SimHosts}");
        }

        if (options.SessionTtlMs < 1 || options.SessionTtlMs > options.MaxSessionTtlMs)
        {
            failures.Add($"--session-ttl-ms must be 1 to {options.MaxSessionTtlMs}, not {options.SessionTtlMs}");
        }

        if (options.MaxWaitMs is < 0 or > MaxWaitLimitMs)
        {
            failures.Add($"--max-wait-ms must be 0 to {MaxWaitLimitMs} (one day), not {options.MaxWaitMs}");
        }

        if (options.FlexibleSliceMs is < 1 or > MaxFlexibleSliceMs)
        {
            failures.Add($"--flexible-slice-ms must be 1 to {MaxFlexibleSliceMs}, not {options.FlexibleSliceMs}");
        }

        if (options.IdleCollectSeconds is < 0 or > MaxIdleCollectSeconds)
        {
            failures.Add($"--idle-collect-seconds must be 0 (off) to {MaxIdleCollectSeconds}, not {options.IdleCollectSeconds}");
        }

        if (options.HitWakeup is < 1 or > MaxHitWakeup)
        {
            failures.Add($"--hit-wakeup must be 1 to {MaxHitWakeup}, not {options.HitWakeup}");
        }

        if (options.WatchBufferCapacity < 1)
        {
            failures.Add($"--watch-buffer must be at least 1, not {options.WatchBufferCapacity}");
        }

        if (options.MaxSessionsPerToken < 1)
        {
            failures.Add($"--max-sessions-per-token must be at least 1, not {options.MaxSessionsPerToken}");
        }

        if (options.MaxReservationsPerToken < 1)
        {
            failures.Add($"--max-reservations-per-token must be at least 1, not {options.MaxReservationsPerToken}");
        }

        if (options.MaxConnections < 1)
        {
            failures.Add($"--max-connections must be at least 1, not {options.MaxConnections}");
        }

        if (options.IdleTimeoutMs is < 1000 or > MaxWaitLimitMs)
        {
            failures.Add($"--idle-timeout-ms must be 1000 to {MaxWaitLimitMs} (Kestrel checks once a second), not {options.IdleTimeoutMs}");
        }

        foreach (var (tlsFile, tlsSwitch) in new[] { (options.TlsCert, "--tls-cert"), (options.TlsKey, "--tls-key"), (options.TlsClientCa, "--tls-client-ca"), (options.SeedCa, "--seed-ca"),
            (options.ClusterTlsCert, "--cluster-tls-cert"), (options.ClusterTlsKey, "--cluster-tls-key"), (options.ClusterTlsCa, "--cluster-tls-ca") })
        {
            if (tlsFile is { Length: > 0 } && !File.Exists(tlsFile))
            {
                failures.Add($"{tlsSwitch} '{tlsFile}' does not exist");
            }
        }

        if (string.IsNullOrEmpty(options.TlsCert) != string.IsNullOrEmpty(options.TlsKey)
            || (!string.IsNullOrEmpty(options.TlsClientCa) && string.IsNullOrEmpty(options.TlsCert)))
        {
            failures.Add("--tls-cert and --tls-key go together, and --tls-client-ca needs them");
        }

        if (options.AuditLogMaxBytes < 4096 || options.AuditLogFiles is < 1 or > 100)
        {
            failures.Add($"--audit-log-max-bytes must be at least 4096 and --audit-log-files 1 to 100, not {options.AuditLogMaxBytes} and {options.AuditLogFiles}");
        }

        if (options.AuditLog is { Length: > 0 } audit && Path.GetDirectoryName(Path.GetFullPath(audit)) is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"--audit-log '{audit}': folder '{folder}' does not exist");
        }

        if (options.ExpiredSessionMemory < 0)
        {
            failures.Add("ExpiredSessionMemory must not be negative");
        }

        if (options.AuthTokensFile is { Length: > 0 } file && !File.Exists(file))
        {
            failures.Add($"--auth-tokens-file '{file}' does not exist");
        }

        ListSyntax.ParseLabels(options.Labels, out var labelError);
        if (labelError is not null)
        {
            failures.Add($"--labels: {labelError}");
        }

        ListSyntax.ParseSeeds(options.Seeds, out var seedError);
        if (seedError is not null)
        {
            failures.Add($"--seeds: {seedError}");
        }

        var clusterTls = ClusterTlsFailure(options, failures);
        if (ClusterEndpoint.TryParse(options.ClusterUrls, out var cluster, out var clusterError) && !cluster.IsLoopback && !clusterTls)
        {
            failures.Add($"--cluster-urls '{options.ClusterUrls}' is not loopback: without --cluster-tls-cert and --cluster-tls-ca " +
                "cluster traffic is not authenticated, so it listens on loopback only (e.g. tcp://127.0.0.1:0)");
        }
        else if (clusterError is not null)
        {
            failures.Add($"--cluster-urls: {clusterError}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Whether cluster TLS is configured and loads; a half-given or unreadable configuration adds its failure.
    private static bool ClusterTlsFailure(HwbpNodeOptions options, List<string> failures)
    {
        var any = new[] { options.ClusterTlsCert, options.ClusterTlsKey, options.ClusterTlsCa }.Any(f => !string.IsNullOrEmpty(f));
        if (!any)
        {
            return false;
        }

        if (string.IsNullOrEmpty(options.ClusterTlsCert) || string.IsNullOrEmpty(options.ClusterTlsCa))
        {
            failures.Add("--cluster-tls-cert and --cluster-tls-ca go together (mutual TLS: this node's certificate and the CA of every peer's), " +
                "and --cluster-tls-key needs them");
            return false;
        }

        try
        {
            return Hosting.ClusterCertificates.Load(options) is not null;
        }
        catch (InvalidDataException ex)
        {
            failures.Add(ex.Message);
            return false;
        }
    }
}
