namespace HwbpCluster.Actors.Tests.Contract;

/// <summary>The contract on the production system.</summary>
public sealed class ThreadPoolActorSystemContractTests : ActorSystemContract
{
    private protected override ActorSystem CreateSystem() => ActorSystem.Create("contract");

    private protected override Task<T> Wait<T>(ActorSystem system, Task<T> task) => task.WaitAsync(TimeSpan.FromMinutes(1));
}
