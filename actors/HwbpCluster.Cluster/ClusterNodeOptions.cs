namespace HwbpCluster.Cluster;

/// <summary>How this node takes part in the cluster: who it is, where cluster traffic listens, and how fast failures are decided.</summary>
/// <remarks>
/// The defaults decide a node killed with -9 unreachable in about 2.5 s (heartbeat every 1 s, pause 1 s) and removed about 5 s
/// later (stable-after); AKKA.md measured 2.0–2.6 s and 8.6–9.0 s with these values.
/// </remarks>
public sealed record ClusterNodeOptions
{
    /// <summary>The node's name in listings and errors, e.g. <c>n1</c>; unique in the cluster.</summary>
    public required string NodeName { get; init; }

    /// <summary>Where this node serves gRPC, e.g. <c>http://127.0.0.1:7070</c>; other nodes show it and seeds are found by it.</summary>
    public string GrpcAddress { get; init; } = string.Empty;

    /// <summary>The node's labels, matched by fleet selectors.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The address cluster traffic binds to; default loopback.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Mutual TLS for cluster traffic; null = plain TCP, which only a loopback <see cref="Hostname"/> should use.</summary>
    public ClusterTls? Tls { get; init; }

    /// <summary>The cluster port; 0 picks a free one (then kept for every later incarnation of this node).</summary>
    public int Port { get; init; }

    /// <summary>How long heartbeats may pause before the failure detector suspects a node; default 1 s.</summary>
    public TimeSpan HeartbeatPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long membership must be stable before the split-brain resolver downs the unreachable side; default 5 s.</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a forwarded host call waits for the owning node's answer (UNAVAILABLE after it); default 10 s.</summary>
    /// <remarks>A reserve that waits in the host's queue gets its own wait on top of this.</remarks>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What a host adds to a remote session's TTL before it releases the session's reservations; default 500 ms.</summary>
    /// <remarks>
    /// Clients renew every third of the TTL, so a live session's lease runs out only after three renewals in a row went
    /// missing; with the sweep, a dead node's reservations go within TTL + 0.6 s of its last renewal, under the TTL + 1 s
    /// that clients are promised.
    /// </remarks>
    public TimeSpan LeaseGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a session's end waits for other nodes' hosts to confirm its close; default 5 s.</summary>
    /// <remarks>Under the usual client deadline: a host that answers later, or never, releases by its lease.</remarks>
    public TimeSpan SessionCloseWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often hosts look for remote sessions whose lease ran out; default 100 ms.</summary>
    public TimeSpan LeaseSweep { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait after this node was downed before it rejoins as a new incarnation; default 1 s.</summary>
    public TimeSpan RejoinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often this node asks its seeds whether a healed split left another cluster it must join; default 2 s.</summary>
    /// <remarks>It gives way after three checks in a row agree, so about three times this after the link is back.</remarks>
    public TimeSpan IslandCheck { get; init; } = TimeSpan.FromSeconds(2);
}
