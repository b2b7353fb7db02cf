using BenchmarkDotNet.Attributes;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux;
using HwbpCluster.Linux.Host;
using HwbpCluster.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Access = HwbpCluster.Arbitration.Access;
using BreakpointSpec = HwbpCluster.Arbitration.BreakpointSpec;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>
/// A real Reserve+Release through the Linux host, in process, beside the raw perf_event_open+close of the same breakpoint
/// from a tiny C program (the baseline): what the arbiter adds to arming a hardware breakpoint. Issue goal: at most 2x.
/// </summary>
/// <remarks>
/// All arm an 8-byte write watch on the benchmark thread's tid (one C row arms a sleeping thread instead). This needs only that perf_event_open accepts hardware
/// breakpoints (they need not fire); setup throws with the probe's reason where it refuses them, or without gcc.
/// </remarks>
[MemoryDiagnoser]
public class LinuxReserveBenchmarks
{
    /// <summary>Reserve+Release pairs (or open+close pairs) per invocation.</summary>
    public const int Pairs = 100;

    // The host's default ring (PerfBreakpointOptions.RingDataPages), so the C split maps what the host maps.
    private static readonly int RingDataPages = PerfBreakpointOptions.Default.RingDataPages;

    private HardwareTestLock? _lock;
    private NativeCell _cell = null!;
    private RawOpenClose? _raw;
    private ParkedThread? _parked;
    private LinuxHost? _host;
    private AccountingHost? _accounting;
    private ReserveCommand _command = null!;
    private int _tid;

    /// <summary>The C baseline, and the C split of the host's kernel work.</summary>
    [GlobalSetup(Targets = [nameof(RawPerfOpenClose), nameof(RawPerfOpenCloseOnAnotherThread), nameof(RawWithOwnRing), nameof(RawWithTaskRing)])]
    public void SetupRaw()
    {
        Prepare();
        _raw = new RawOpenClose();
        _parked = new ParkedThread();
    }

    /// <summary>The Linux host with one PERF session.</summary>
    [GlobalSetup(Target = nameof(ReserveRelease))]
    public void SetupHost()
    {
        Prepare();
        _host = LinuxHost.Start("bench", TimeProvider.System, NullLoggerFactory.Instance, LinuxHostOptions.Default with { AllowSilentHardware = true });
        _host.OpenSessionAsync(new SessionInfo("bench", ClientKind.Perf, "bench", Privileged: true)).GetAwaiter().GetResult();
    }

    /// <summary>The accounting host alone, with this machine's profile: the actors' share of a pair, no kernel event.</summary>
    [GlobalSetup(Target = nameof(AccountingReserveRelease))]
    public void SetupAccounting()
    {
        Prepare();
        _accounting = AccountingHost.Start(new SimulatedHostOptions("bench", ArchProfile.X86_64(Environment.ProcessorCount)));
        _accounting.Tasks.AddTaskAsync(_tid, "bench").GetAwaiter().GetResult();
        _accounting.Host.OpenSessionAsync(new SessionInfo("bench", ClientKind.Perf, "bench", Privileged: true)).GetAwaiter().GetResult();
    }

    /// <summary>perf_event_open + close from C.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public void RawPerfOpenClose() => _raw!.Run(_tid, _cell.Address, Pairs);

    /// <summary>perf_event_open + close from C on a sleeping thread, as a debugger arms its target: the kernel then runs the
    /// enable on the CPU the target last ran on, often by an interrupt to the other CPU, which the baseline (on itself) never pays.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawPerfOpenCloseOnAnotherThread() => _raw!.Run(_parked!.Tid, _cell.Address, Pairs);

    /// <summary>From C, what the host asked of the kernel per event before task rings (and still does for inherited, CPU and
    /// flexible events): opened disabled, its own ring mapped, enabled, unmapped, closed.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawWithOwnRing() => _raw!.RunOwnRing(_tid, _cell.Address, Pairs, RingDataPages);

    /// <summary>From C, what the host asks of the kernel per event on a task: one ring per task (a dummy event's), each breakpoint
    /// opened disabled, redirected to it, enabled and closed.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawWithTaskRing() => _raw!.RunSharedRing(_tid, _cell.Address, Pairs, RingDataPages);

    /// <summary>LinuxHost.ReserveAsync + ReleaseAsync of the same breakpoint.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public async Task ReserveRelease()
    {
        for (var i = 0; i < Pairs; i++)
        {
            var view = await _host!.ReserveAsync("bench", _command);
            await _host.ReleaseAsync("bench", view.Id);
        }
    }

    /// <summary>The accounting's ReserveAsync + ReleaseAsync alone (no kernel event): the actors' share of <see cref="ReserveRelease"/>.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public async Task AccountingReserveRelease()
    {
        for (var i = 0; i < Pairs; i++)
        {
            var view = await _accounting!.Host.ReserveAsync("bench", _command);
            await _accounting.Host.ReleaseAsync("bench", view.Id);
        }
    }

    /// <summary>Closes what setup opened.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _accounting?.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw?.Dispose();
        _parked?.Dispose();
        _cell.Dispose();
        _lock?.Dispose();
    }

    private void Prepare()
    {
        var support = HardwareBreakpoints.Probe();
        if (!support.IsAccepted)
        {
            throw new InvalidOperationException($"hardware breakpoints cannot be armed here: {support.Reason}");
        }

        _lock = new HardwareTestLock();
        _cell = new NativeCell();
        _tid = LinuxThreads.CurrentTid();
        _command = new ReserveCommand(Scope.ForTask(_tid), new BreakpointSpec(_cell.Address, 8, Access.Write), Pinned: true, Inherit: false,
            "", TimeSpan.Zero);
    }
}
