namespace HwbpCluster.Load.Scenarios;

/// <summary>One operation = Reserve then Release (two RPCs) of a CPU-bound watchpoint on an in-process node.</summary>
public sealed class NodeReserveReleaseScenario : NodeScenario
{
    /// <inheritdoc />
    public override string Name => "node: Reserve+Release (2 RPCs)";

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken) =>
        await ReleaseOneAsync(await ReserveOneAsync(cancellationToken), cancellationToken);
}
