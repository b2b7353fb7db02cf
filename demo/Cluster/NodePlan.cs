namespace HwbpCluster.Demo.Cluster;

/// <summary>One node of the demo's cluster: its name, the prefix of its simulated hosts, its labels, its gRPC address and
/// its web address (the live dashboard at /dashboard/, gRPC-Web and /metrics).</summary>
internal sealed record NodePlan(string Name, string HostPrefix, string Labels, Uri Address, Uri Web)
{
    /// <summary>The node's live dashboard.</summary>
    public Uri Dashboard => new(Web, "/dashboard/");

    /// <summary>Simulated hosts per node.</summary>
    public const int HostsPerNode = 3;

    /// <summary>CPUs per simulated host.</summary>
    public const int Cpus = 4;

    /// <summary>The hosts this node simulates: PREFIX-0 ... PREFIX-2.</summary>
    public IReadOnlyList<string> Hosts => [.. Enumerable.Range(0, HostsPerNode).Select(i => $"{HostPrefix}-{i}")];

    /// <summary>The node's command line; every node names the first two as its seeds.</summary>
    public IReadOnlyList<string> Args(IReadOnlyList<NodePlan> seeds) =>
    [
        "--node-name", Name, "--host-name", HostPrefix, "--sim-hosts", $"{HostsPerNode}", "--cpus", $"{Cpus}",
        "--labels", Labels, "--urls", Address.ToString().TrimEnd('/'), "--web-urls", Web.ToString().TrimEnd('/'),
        "--seeds", string.Join(",", seeds.Select(s => s.Address.ToString().TrimEnd('/'))),
    ];
}
