namespace HwbpCluster.Node.Options;

/// <summary>The node's settings, bound from the "Hwbp" configuration section, environment (Hwbp__X) and command-line switches.</summary>
/// <remarks>Every default below lets <c>hwbp-node --backend sim</c> start with no other set-up.</remarks>
public sealed class HwbpNodeOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Hwbp";

    /// <summary>The node's name in the cluster (<c>--node-name</c>); default <c>n1</c>.</summary>
    public string NodeName { get; set; } = "n1";

    /// <summary>The host's name (<c>--host-name</c>); several simulated hosts are NAME-0, NAME-1, ...; default <c>h1</c>.</summary>
    public string HostName { get; set; } = "h1";

    /// <summary>The register backend (<c>--backend</c>): <c>sim</c>, or <c>linux</c> (this machine's); default <c>sim</c>.</summary>
    public string Backend { get; set; } = "sim";

    /// <summary>The simulated hosts' architecture (<c>--arch</c>): x86-64, arm64, ppc64-p9 or ppc64-p10; default x86-64.</summary>
    public string Arch { get; set; } = "x86-64";

    /// <summary>CPUs per simulated host (<c>--cpus</c>); 0 = this machine's processor count; default 0.</summary>
    public int Cpus { get; set; }

    /// <summary>How many hosts this node simulates (<c>--sim-hosts</c>); default 1.</summary>
    public int SimHosts { get; set; } = 1;

    /// <summary>The node's labels (<c>--labels rack=a,role=db</c>), matched by fleet host selectors; default none.</summary>
    public string Labels { get; set; } = string.Empty;

    /// <summary>The lease of a session that asks for none (<c>--session-ttl-ms</c>); default 10,000 ms.</summary>
    public int SessionTtlMs { get; set; } = 10_000;

    /// <summary>The longest lease a session may ask for; default 10 minutes.</summary>
    public int MaxSessionTtlMs { get; set; } = 600_000;

    /// <summary>HTTP/1.1 addresses (<c>--web-urls</c>, <c>;</c>-separated) for gRPC-Web and Prometheus <c>/metrics</c>; default none.</summary>
    /// <remarks>Loopback only without <see cref="AuthTokensFile"/>, as for <c>--urls</c>.</remarks>
    public string WebUrls { get; set; } = string.Empty;

    /// <summary>The longest a Reserve may wait for room (<c>--max-wait-ms</c>); a longer <c>wait_ms</c> is INVALID_ARGUMENT; default 10 minutes.</summary>
    public int MaxWaitMs { get; set; } = 600_000;

    /// <summary>How long each flexible breakpoint holds a slot in turn when flexible ones outnumber the free slots
    /// (<c>--flexible-slice-ms</c>); default 4 ms, as perf's multiplexing interval.</summary>
    public int FlexibleSliceMs { get; set; } = 4;

    /// <summary>Seconds of quiet after a burst before the node runs one full collection to give its memory back
    /// (<c>--idle-collect-seconds</c>); 0 = never; default 10.</summary>
    public int IdleCollectSeconds { get; set; } = 10;

    /// <summary>A JSON file of bearer tokens (<c>--auth-tokens-file</c>); none = loopback only, every call accepted.</summary>
    public string? AuthTokensFile { get; set; }

    /// <summary>The gRPC addresses of the seed nodes (<c>--seeds http://a:7070,http://b:7070</c>), the same list on every node; none = no cluster.</summary>
    /// <remarks>A node asks each seed for its cluster address (Fleet.ListMembers), so nobody types Akka addresses.</remarks>
    public string Seeds { get; set; } = string.Empty;

    /// <summary>The bearer token this node presents when it asks seeds with tokens for their cluster addresses (<c>--seed-token</c>, or Hwbp__SeedToken).</summary>
    public string? SeedToken { get; set; }

    /// <summary>The CA (PEM) the https seeds' certificates chain to (<c>--seed-ca</c>); none = the machine's trusted roots.</summary>
    /// <remarks>When seeds require client certificates, the node presents its own <see cref="TlsCert"/>.</remarks>
    public string? SeedCa { get; set; }

    /// <summary>Where cluster traffic listens (<c>--cluster-urls tcp://127.0.0.1:4053</c>); port 0 = a free one; default loopback.</summary>
    public string ClusterUrls { get; set; } = "tcp://127.0.0.1:0";

    /// <summary>This node's certificate for cluster mutual TLS (<c>--cluster-tls-cert</c>): PEM (key in <see cref="ClusterTlsKey"/> or in the same file) or PKCS#12 without a password; none = plain TCP, loopback only.</summary>
    public string? ClusterTlsCert { get; set; }

    /// <summary>The private key of <see cref="ClusterTlsCert"/>, PEM (<c>--cluster-tls-key</c>); none = in the certificate file.</summary>
    public string? ClusterTlsKey { get; set; }

    /// <summary>The CA (PEM) every cluster peer's certificate must chain to (<c>--cluster-tls-ca</c>); goes with <see cref="ClusterTlsCert"/>.</summary>
    public string? ClusterTlsCa { get; set; }

    /// <summary>With <c>--backend linux</c>: wake the hit reader after this many hits of one breakpoint (<c>--hit-wakeup</c>);
    /// default 1, so each write's value is read right after its hit.</summary>
    /// <remarks>A wakeup costs the thread that hits a kernel interrupt: larger values let a thread that hits often run near its
    /// unwatched speed, and its values are read up to that many hits (or the reader's 50 ms poll) late.</remarks>
    public int HitWakeup { get; set; } = 1;

    /// <summary>With <c>--backend linux</c>: start even where hardware breakpoints are accepted but never fire (default: refuse).</summary>
    public bool AllowSilentHardware { get; set; }

    /// <summary>Log the node's debug lines and ASP.NET Core's start-up lines (<c>--verbose</c>); default off: the banner line only.</summary>
    public bool Verbose { get; set; }

    /// <summary>Events a watch stream buffers per host for a slow reader before it drops (and counts) them; default 16,384
    /// (about 200 ms of one thread's hits at full speed: a stall of the node's first tens of milliseconds, a GC or a pool
    /// still growing, is absorbed; the buffer takes memory only while the reader is behind).</summary>
    public int WatchBufferCapacity { get; set; } = 16_384;

    /// <summary>Sessions one token (or the anonymous caller of a node without tokens) may hold open at once (<c>--max-sessions-per-token</c>); default 1,024.</summary>
    public int MaxSessionsPerToken { get; set; } = 1024;

    /// <summary>Reservations one token's sessions on this node may hold at once, on any host of the cluster
    /// (<c>--max-reservations-per-token</c>); default 4,096.</summary>
    public int MaxReservationsPerToken { get; set; } = 4096;

    /// <summary>Connections the node accepts at once on all its endpoints (<c>--max-connections</c>); default 4,096.</summary>
    public int MaxConnections { get; set; } = 4096;

    /// <summary>A connection with no call in flight is closed after this long (<c>--idle-timeout-ms</c>); default 130,000 ms (Kestrel's).</summary>
    public int IdleTimeoutMs { get; set; } = 130_000;

    /// <summary>The node's TLS certificate, PEM (<c>--tls-cert</c>), for every https:// address (gRPC with ALPN h2, and web); none = cleartext.</summary>
    public string? TlsCert { get; set; }

    /// <summary>The private key of <see cref="TlsCert"/>, PEM (<c>--tls-key</c>).</summary>
    public string? TlsKey { get; set; }

    /// <summary>A CA certificate, PEM (<c>--tls-client-ca</c>): every TLS client must present a certificate it issued (mutual TLS).</summary>
    public string? TlsClientCa { get; set; }

    /// <summary>The audit log, JSON lines (<c>--audit-log</c>); none = no audit log.</summary>
    public string? AuditLog { get; set; }

    /// <summary>The size at which the audit log is rotated to FILE.1 (<c>--audit-log-max-bytes</c>); default 64 MiB.</summary>
    public long AuditLogMaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Rotated audit files kept (<c>--audit-log-files</c>), FILE.1 the newest; default 5.</summary>
    public int AuditLogFiles { get; set; } = 5;

    /// <summary>Expired session ids remembered so late calls get FAILED_PRECONDITION rather than NOT_FOUND; default 10,000.</summary>
    public int ExpiredSessionMemory { get; set; } = 10_000;

    /// <summary>The host names this node serves, in order: <see cref="HostName"/>, or NAME-0 ... when it simulates several.</summary>
    public IReadOnlyList<string> HostNames() =>
        SimHosts <= 1 ? [HostName] : Enumerable.Range(0, SimHosts).Select(i => $"{HostName}-{i}").ToArray();

    /// <summary>The CPU count to give each host.</summary>
    public int EffectiveCpus() => Cpus > 0 ? Cpus : Environment.ProcessorCount;
}
