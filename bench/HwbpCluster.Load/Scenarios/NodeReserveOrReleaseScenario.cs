using System.Collections.Concurrent;

namespace HwbpCluster.Load.Scenarios;

/// <summary>One operation = one RPC: Release what an earlier call reserved, or else Reserve; per-RPC rates compare with echo.</summary>
public sealed class NodeReserveOrReleaseScenario : NodeScenario
{
    private readonly ConcurrentQueue<(string Id, uint Cpu)> held = new();

    /// <inheritdoc />
    public override string Name => "node: Reserve or Release (1 RPC)";

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken)
    {
        if (held.TryDequeue(out var reservation))
        {
            await ReleaseOneAsync(reservation, cancellationToken);
        }
        else
        {
            held.Enqueue(await ReserveOneAsync(cancellationToken));
        }
    }
}
