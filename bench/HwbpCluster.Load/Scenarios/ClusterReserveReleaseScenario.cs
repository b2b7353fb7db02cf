using HwbpCluster.Node.Hosting;
using Microsoft.AspNetCore.Builder;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Reserve then Release on host h2 of a two-node cluster in this process, sent to h2's node or to the other one.</summary>
/// <param name="forwarded">True: the calls go to n1, which forwards them to n2 over Akka.Remote; false: straight to n2.</param>
public sealed class ClusterReserveReleaseScenario(bool forwarded) : NodeScenario
{
    private readonly List<WebApplication> nodes = [];

    /// <inheritdoc />
    public override string Name => forwarded ? "cluster: Reserve+Release forwarded n1 -> n2" : "cluster: Reserve+Release direct to n2";

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
            nodes.Add(await StartNodeAsync(
                ["--urls", urls[i], "--node-name", $"n{i + 1}", "--host-name", $"h{i + 1}", "--seeds", urls[0]], cancellationToken));
        }

        await ClusterForming.WaitAsync(urls[0], members: 2, TimeSpan.FromMinutes(2), cancellationToken);
        return forwarded ? urls[0] : urls[1];
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var node in nodes)
        {
            await node.StopAsync();
            await node.DisposeAsync();
        }
    }

    private static string FreeUrl() => $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
}
