using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace HwbpCluster.Benchmarks.Hosts;

/// <summary>Groups each actor benchmark with its pure-core baseline (by category), with an ops/s column and the memory diagnoser.</summary>
public sealed class HostBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public HostBenchmarkConfig()
    {
        AddColumn(new RatePerSecondColumn("Ops/s", "Operations per second (1 / mean time per operation): reserve+release pairs, or accesses"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
