namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>The node's tests on this machine's real debug registers: one at a time, and never beside another assembly's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardwareCollection : ICollectionFixture<HardwareTestLock>
{
    public const string Name = "hardware breakpoints";
}
