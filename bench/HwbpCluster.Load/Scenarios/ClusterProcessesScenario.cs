using HwbpCluster.Node.Hosting;

namespace HwbpCluster.Load.Scenarios;

/// <summary>
/// Reserve then Release on host h2 of a two-node cluster of hwbp-node processes (as deployed: one node per process), sent to
/// h2's node or to the other one; the client stays in this process.
/// </summary>
/// <param name="forwarded">True: the calls go to n1, which forwards them to n2 over Akka.Remote; false: straight to n2.</param>
public sealed class ClusterProcessesScenario(bool forwarded) : NodeScenario
{
    private static readonly TimeSpan FormBound = TimeSpan.FromMinutes(2);
    private readonly List<NodeProcess> processes = [];

    /// <inheritdoc />
    public override string Name =>
        forwarded ? "cluster processes: Reserve+Release forwarded n1 -> n2" : "cluster processes: Reserve+Release direct to n2";

    /// <inheritdoc />
    public override IEnumerable<int> ProcessIds => processes.Select(p => p.Id);

    /// <inheritdoc />
    protected override string TargetHost => "h2";

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken) =>
        await ReleaseOneAsync(await ReserveOneAsync(cancellationToken), cancellationToken);

    /// <inheritdoc />
    protected override async Task<string> StartNodesAsync(CancellationToken cancellationToken)
    {
        var urls = new[] { FreeUrl(), FreeUrl() };
        for (var i = 0; i < 2; i++)
        {
            processes.Add(NodeProcess.Start([
                "--urls", urls[i], "--node-name", $"n{i + 1}", "--host-name", $"h{i + 1}", "--seeds", urls[0],
                .. NodeSwitches]));
        }

        await ClusterForming.WaitAsync(urls[0], members: 2, FormBound, cancellationToken);
        return forwarded ? urls[0] : urls[1];
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }

    private static string FreeUrl() => $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
}
