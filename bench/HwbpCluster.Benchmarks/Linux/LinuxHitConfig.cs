using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>Hits per second, lost samples and the memory diagnoser for <see cref="LinuxHitBenchmarks"/>.</summary>
public sealed class LinuxHitConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public LinuxHitConfig()
    {
        AddColumn(new HitsPerSecondColumn(), new LostSamplesColumn());
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
