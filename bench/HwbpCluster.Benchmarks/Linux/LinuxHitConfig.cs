using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Hits per second, lost samples and the memory diagnoser for <see cref="LinuxHitBenchmarks"/>.</summary>
public sealed class LinuxHitConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public LinuxHitConfig()
    {
        AddColumn(
            new RatePerSecondColumn("Writes/s", "Writes per second (1e9 / mean ns per write); each watched write is one hardware-breakpoint hit"),
            new LostSamplesColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
