using HwbpCluster.Node.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Prints the one-line start banner once Kestrel listens (node, hosts, arch, backend, address, auth mode), and logs it.</summary>
internal sealed class NodeBanner(
    IHostApplicationLifetime lifetime,
    IServer server,
    NodeHosts hosts,
    IOptions<HwbpNodeOptions> options,
    TextWriter output,
    ILogger<NodeBanner> logger)
    : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            output.WriteLine(Line());
            var o = options.Value;
            var hostNames = string.Join(",", hosts.Local.Select(h => h.Name));
            var authentication = string.IsNullOrEmpty(o.AuthTokensFile) ? "off (loopback only)" : "bearer tokens";
            var arch = Arch(hosts.First.Description.Profile);
            HostingLog.Started(logger, o.NodeName, hostNames, o.Backend, arch, string.Join(" ", Addresses()), authentication);
            foreach (var (host, warning) in Warnings())
            {
                HostingLog.HostWarning(logger, host, warning);
            }
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The banner text.</summary>
    public string Line()
    {
        var o = options.Value;
        var addresses = Addresses();
        var profile = hosts.First.Description.Profile;
        var auth = string.IsNullOrEmpty(o.AuthTokensFile) ? "no tokens, loopback only" : "bearer tokens";
        var warnings = string.Concat(Warnings().Select(w => $"; WARNING {w.Host}: {w.Warning}"));
        return $"hwbp-node {o.NodeName}: hosts {string.Join(",", hosts.Local.Select(h => h.Name))} ({o.Backend}, {Arch(profile)}, " +
            $"{profile.CpuCount} cpus) on {string.Join(" ", addresses)} ({auth}){warnings}; next: {NextCommand(addresses.FirstOrDefault())}";
    }

    // The command a newcomer runs next: the host's registers, through this node (the gRPC endpoints are bound first).
    private string NextCommand(string? address)
    {
        var node = address is null || address == NodeApp.DefaultUrl ? string.Empty : $" --node {address}";
        var token = string.IsNullOrEmpty(options.Value.AuthTokensFile) ? string.Empty : " --token TOKEN";
        return $"hwbp{node}{token} host";
    }

    private IEnumerable<(string Host, string Warning)> Warnings() =>
        hosts.Local.SelectMany(h => h.Description.Warnings.Select(w => (h.Name, w)));

    // The simulator's --arch spelling tells ppc64-p9 from -p10; a real host's profile is detected, so its arch is named from it.
    private string Arch(Arbitration.ArchProfile profile) =>
        options.Value.Backend == "sim" ? options.Value.Arch : ArchNames.WireName(profile.Architecture);

    private ICollection<string> Addresses() => server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
}
