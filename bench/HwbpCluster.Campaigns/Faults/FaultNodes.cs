using Grpc.Net.Client;
using HwbpCluster.Campaigns.Nodes;
using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// The fault campaign's cluster: node processes on an <see cref="IFaultNetwork"/>, every node a seed, each simulating
/// <see cref="HostsPerNode"/> hosts of <see cref="Cpus"/> CPUs. A killed node restarts with the same name, addresses and
/// hosts: a new process and a new cluster incarnation.
/// </summary>
public sealed class FaultNodes(int count, uint sessionTtlMs, IFaultNetwork network) : IAsyncDisposable
{
    /// <summary>Hosts each node simulates.</summary>
    public const int HostsPerNode = 2;

    /// <summary>CPUs of each simulated host: few, so that clients contend for slots.</summary>
    public const int Cpus = 4;

    private readonly NodeProcess?[] _processes = new NodeProcess?[count];

    /// <summary>Nodes in the cluster.</summary>
    public int Count => count;

    /// <summary>The network the nodes run on.</summary>
    public IFaultNetwork Network => network;

    /// <summary>The hosts node <paramref name="node"/> owns.</summary>
    public static IReadOnlyList<string> Hosts(int node) => [.. Enumerable.Range(0, HostsPerNode).Select(h => $"h{node + 1}-{h}")];

    /// <summary>The node that owns <paramref name="host"/>.</summary>
    public static int OwnerOf(string host) => int.Parse(host.AsSpan(1, host.IndexOf('-', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture) - 1;

    /// <summary>Every host of the cluster.</summary>
    public IReadOnlyList<string> AllHosts => [.. Enumerable.Range(0, count).SelectMany(Hosts)];

    /// <summary>Whether node <paramref name="node"/>'s process runs.</summary>
    public bool IsRunning(int node) => _processes[node] is { HasExited: false };

    /// <summary>A gRPC channel to each node.</summary>
    public IReadOnlyList<GrpcChannel> Channels() => [.. Enumerable.Range(0, count).Select(network.Channel)];

    /// <summary>Starts every node; returns once each printed its banner.</summary>
    public Task StartAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(n => StartAsync(n, cancellationToken)));

    /// <summary>Starts node <paramref name="node"/> (again, after a kill).</summary>
    public async Task StartAsync(int node, CancellationToken cancellationToken)
    {
        _processes[node] = await NodeLaunch.StartAsync(
            [.. network.NodeArgs(node, count), "--node-name", $"n{node + 1}", "--host-name", $"h{node + 1}", "--sim-hosts", $"{HostsPerNode}",
             "--cpus", $"{Cpus}", "--session-ttl-ms", $"{sessionTtlMs}", "--max-wait-ms", "2000"],
            network.Launcher(node), cancellationToken);
    }

    /// <summary>kill -9 node <paramref name="node"/> and wait until the process is gone.</summary>
    public async Task KillAsync(int node, CancellationToken cancellationToken)
    {
        var process = _processes[node] ?? throw new InvalidOperationException($"n{node + 1} is not running");
        process.Kill();
        await process.WaitForExitAsync(cancellationToken);
        Dump(node, process);
        await process.DisposeAsync();
        _processes[node] = null;
    }

    /// <summary>Why node <paramref name="node"/> is not running: its exit code and the last lines it printed.</summary>
    public string Ended(int node) => _processes[node] is { HasExited: true } process
        ? $"n{node + 1} exited with {process.ExitCode}: {string.Join(" | ", NodeLaunch.Log(process).Split('\n').TakeLast(4))}"
        : $"n{node + 1} was killed and not restarted";

    private static void Dump(int node, NodeProcess process)
    {
        if (NodeLaunch.LogDirectory is { } dir)
        {
            File.AppendAllText(Path.Combine(dir, $"n{node + 1}.log"), NodeLaunch.Log(process) + "\n---- end of process\n");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var n = 0; n < _processes.Length; n++)
        {
            var process = _processes[n];
            if (process is not null)
            {
                Dump(n, process);
                await process.DisposeAsync();
            }
        }
    }
}
