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
/// The baseline arms the benchmark thread itself, as a tiny C program arming itself does. The host never arms its caller:
/// it arms a client's thread, here a parked one pinned to the last CPU, and the kernel installs and enables a breakpoint on
/// the CPU its thread last ran on, by an interrupt from any other. Two more C rows arm that parked thread from a pinned
/// CPU, the other one and its own, to show that cost apart. This needs only that perf_event_open accepts hardware
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

    // The parked target's CPU, and the other one the C row arms it from (the same on a one-CPU machine).
    private static int TargetCpu => Environment.ProcessorCount - 1;

    private static int OtherCpu => 0;

    /// <summary>The C baseline, and the C split of the host's kernel work.</summary>
    [GlobalSetup(Targets = [nameof(RawPerfOpenClose), nameof(RawOpenCloseOfParkedFromOtherCpu), nameof(RawOpenCloseOfParkedFromItsCpu),
        nameof(RawWithOwnRing), nameof(RawWithTaskRing)])]
    public void SetupRaw() => Prepare();

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
        _accounting.Tasks.AddTaskAsync(_parked!.Tid, "parked").GetAwaiter().GetResult();
        _accounting.Host.OpenSessionAsync(new SessionInfo("bench", ClientKind.Perf, "bench", Privileged: true)).GetAwaiter().GetResult();
    }

    /// <summary>perf_event_open + close from C.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public void RawPerfOpenClose() => _raw!.Run(_tid, _cell.Address, Pairs);

    /// <summary>perf_event_open + close from C of the parked thread, from the other CPU: the kernel interrupts the parked
    /// thread's CPU to install the breakpoint there, as it does for the host whenever its worker runs on another CPU.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawOpenCloseOfParkedFromOtherCpu() => _raw!.RunFrom(OtherCpu, _parked!.Tid, _cell.Address, Pairs);

    /// <summary>The same from the parked thread's own CPU: another thread, no interrupt.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawOpenCloseOfParkedFromItsCpu() => _raw!.RunFrom(TargetCpu, _parked!.Tid, _cell.Address, Pairs);

    /// <summary>From C, what the host asked of the kernel per event before task rings (and still does for inherited, CPU and
    /// flexible events): opened disabled, its own ring mapped, enabled, unmapped, closed.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawWithOwnRing() => _raw!.RunOwnRing(_tid, _cell.Address, Pairs, RingDataPages);

    /// <summary>From C, what the host asks of the kernel per event on a task: one ring per task (a dummy event's), each breakpoint
    /// opened disabled, redirected to it, enabled and closed.</summary>
    [Benchmark(OperationsPerInvoke = Pairs)]
    public void RawWithTaskRing() => _raw!.RunSharedRing(_tid, _cell.Address, Pairs, RingDataPages);

    /// <summary>LinuxHost.ReserveAsync + ReleaseAsync of the same breakpoint on the parked thread.</summary>
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
        _raw = new RawOpenClose();
        _parked = new ParkedThread(() => _raw.PinCurrentThread(TargetCpu));
        _command = new ReserveCommand(Scope.ForTask(_parked.Tid), new BreakpointSpec(_cell.Address, 8, Access.Write), Pinned: true, Inherit: false,
            "", TimeSpan.Zero);
    }
}
