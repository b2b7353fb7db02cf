using System.Globalization;
using BenchmarkDotNet.Attributes;
using HwbpCluster.Linux;
using HwbpCluster.Testing;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>
/// The cost of real hardware-breakpoint hits (perf_event_open on this thread): 8-byte stores to a native cell, unwatched,
/// under a count-only watch, and under a sampling watch whose ring a <see cref="HitReader"/> drains on its own thread.
/// </summary>
/// <remarks>
/// Each invocation is <see cref="Writes"/> stores by the benchmark thread, which is the watched tid. The sampling cases also
/// wait (up to 2 s, timed) until every hit is received, lost or dropped, so their figure is the sustained end-to-end rate;
/// where each hit went is printed by [GlobalCleanup] ("// LinuxHit ...") and shown in the Lost column.
/// Setup throws with the probe's reason where hardware breakpoints are unavailable, and BenchmarkDotNet reports that.
/// </remarks>
[Config(typeof(LinuxHitConfig))]
public class LinuxHitBenchmarks
{
    /// <summary>Stores per invocation.</summary>
    public const int Writes = 10_000;

    private NativeCell _cell = null!;
    private PerfBreakpoint? _counted;
    private SampledWatch? _sampled;
    private int _watchedTid;
    private ulong _written;
    private string _sampledCase = "";
    private HardwareTestLock? _lock;

    /// <summary>Baseline: a native cell and no watch.</summary>
    [GlobalSetup(Target = nameof(Unwatched))]
    public void SetupUnwatched() => _cell = new NativeCell();

    /// <summary>A count-only watch (no ring buffer) on this thread.</summary>
    [GlobalSetup(Target = nameof(CountOnly))]
    public void SetupCountOnly()
    {
        _lock = new HardwareTestLock();
        _cell = new NativeCell();
        _counted = HardwareWatch.OpenOnCurrentThread(_cell, new PerfBreakpointOptions { CountOnly = true }, out _watchedTid);
    }

    /// <summary>A sampling watch with the library's defaults: 8 data pages, a wakeup per hit.</summary>
    [GlobalSetup(Target = nameof(SampledDefault))]
    public void SetupSampledDefault() => SetupSampled(nameof(SampledDefault), PerfBreakpointOptions.Default);

    /// <summary>A sampling watch with 64 data pages and a wakeup every 16 hits.</summary>
    [GlobalSetup(Target = nameof(Sampled64PagesWakeup16))]
    public void SetupSampled64() => SetupSampled(nameof(Sampled64PagesWakeup16), new PerfBreakpointOptions { RingDataPages = 64, WakeupEvents = 16 });

    /// <summary>Unwatched 8-byte volatile stores.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Writes)]
    public void Unwatched() => Store(ref _cell.Value);

    /// <summary>Stores that each fire a count-only breakpoint.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public void CountOnly()
    {
        HardwareWatch.EnsureWatchedThread(_watchedTid);
        Store(ref _cell.Value);
        _written += Writes;
    }

    /// <summary>Stores that each fire a sampled breakpoint (8 pages, wakeup 1), until the reader has every hit.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public void SampledDefault() => StoreAndDrain();

    /// <summary>Stores that each fire a sampled breakpoint (64 pages, wakeup 16), until the reader has every hit.</summary>
    [Benchmark(OperationsPerInvoke = Writes)]
    public void Sampled64PagesWakeup16() => StoreAndDrain();

    /// <summary>Prints where every hit went, closes the watch and frees the cell.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_sampled is not null)
        {
            (string line, string column) = _sampled.Describe(_written);
            Report(_sampledCase, line, column);
        }
        else if (_counted is not null)
        {
            Report(nameof(CountOnly), $"writes {_written:N0}, kernel hits {_counted.ReadCount():N0} (count-only: no samples)", "-");
        }

        _sampled?.Dispose();
        _counted?.Dispose();
        _cell.Dispose();
        _lock?.Dispose();
    }

    private void Report(string benchmark, string line, string column)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// LinuxHit {benchmark} on tid {_watchedTid}: {line}"));
        LossLedger.Record(benchmark, column);
    }

    private void SetupSampled(string benchmark, PerfBreakpointOptions options)
    {
        _sampledCase = benchmark;
        _lock = new HardwareTestLock();
        _cell = new NativeCell();
        _sampled = new SampledWatch(_cell, options);
        _watchedTid = _sampled.Tid;
    }

    private void StoreAndDrain()
    {
        HardwareWatch.EnsureWatchedThread(_watchedTid);
        Store(ref _cell.Value);
        _written += Writes;
        _sampled!.WaitForEveryHit(_written);
    }

    private static void Store(ref long cell)
    {
        for (long i = 0; i < Writes; i++)
        {
            Volatile.Write(ref cell, i);
        }
    }
}
