namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Hardware tests run one at a time: a CPU-wide event or an outside perf would take slots from every other test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HardwareCollection
{
    public const string Name = "hardware breakpoints";
}
