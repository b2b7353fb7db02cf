using Grpc.Net.Client;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Protos.V1;

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

        // Measure only once n1 sees n2 Up, so no call meets a host it does not know yet.
        using var n1 = GrpcChannel.ForAddress(urls[0]);
        var fleet = new Fleet.FleetClient(n1);
        var deadline = DateTime.UtcNow + FormBound;
        while (true)
        {
            try
            {
                var members = await fleet.ListMembersAsync(new ListMembersRequest(), cancellationToken: cancellationToken);
                if (members.Members.Count(m => m.Status == MemberStatus.Up && m.Reachable) == 2)
                {
                    break;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
                // n1 is not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the two node processes did not form one cluster within {FormBound.TotalMinutes} minutes");
            }

            await Task.Delay(100, cancellationToken);
        }

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
