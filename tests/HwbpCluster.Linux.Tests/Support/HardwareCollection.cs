namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Hardware tests run one at a time: a CPU-wide event or an outside perf would take slots from every other test.</summary>
/// <remarks>The collection also holds the machine-wide <see cref="HardwareTestLock"/>, so other test assemblies' hardware tests wait.</remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardwareCollection : ICollectionFixture<HardwareTestLock>
{
    public const string Name = "hardware breakpoints";
}
