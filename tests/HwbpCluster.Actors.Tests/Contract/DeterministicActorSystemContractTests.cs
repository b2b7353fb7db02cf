namespace HwbpCluster.Actors.Tests.Contract;

/// <summary>The contract on the deterministic system.</summary>
public sealed class DeterministicActorSystemContractTests : ActorSystemContract
{
    private protected override ActorSystem CreateSystem() => new DeterministicActorSystem(seed: 42);

    private protected override Task<T> Wait<T>(ActorSystem system, Task<T> task) =>
        Task.FromResult(((DeterministicActorSystem)system).Run(task));
}
