using BenchmarkDotNet.Attributes;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Benchmarks.Arbitration;

/// <summary>
/// Admission decisions in the shape of Linux's <c>perf bench breakpoint thread</c>: 64 CPUs, tasks holding 4 task-wide
/// breakpoints each (x86-64, so they are full), one task holding 3. The cost must not grow with the number of tasks.
/// </summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private const int Cpus = 64;
    private const long MeasuredTask = 1;

    private HostArbiter _host = null!;
    private CpuLedger[] _ledgers = null!;
    private ReservationRequest _extra = null!;
    private ReservationRequest _fifth = null!;
    private ReservationRequest _cpuBound = null!;
    private long _requestId;

    /// <summary>Tasks on the host, each holding breakpoints.</summary>
    [Params(64, 1_024, 16_384)]
    public int Tasks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var profile = ArchProfile.X86_64(Cpus);
        _host = new HostArbiter(profile);
        ulong address = 0x10_0000;
        for (long task = 1; task <= Tasks; task++)
        {
            var count = task == MeasuredTask ? 3 : 4;
            for (var i = 0; i < count; i++)
            {
                var request = new ReservationRequest(ClientKind.Ptrace, new BreakpointSpec(address += 8, 8, Access.Write), Scope.ForTask(task));
                if (_host.TryReserve(request).Outcome != Outcome.Admitted)
                {
                    throw new InvalidOperationException("population must fit");
                }
            }
        }

        _extra = new ReservationRequest(ClientKind.Ptrace, new BreakpointSpec(0x7000_0000, 8, Access.Write), Scope.ForTask(MeasuredTask));
        _fifth = new ReservationRequest(ClientKind.Ptrace, new BreakpointSpec(0x7000_0000, 8, Access.Write), Scope.ForTask(2));
        _cpuBound = new ReservationRequest(ClientKind.Perf, new BreakpointSpec(0x7000_0000, 8, Access.Write), Scope.OnCpu(7)) { Privileged = true };

        // The per-CPU ledgers alone, populated the same way, for the two-phase path the actors drive.
        _ledgers = new CpuLedger[Cpus];
        for (var c = 0; c < Cpus; c++)
        {
            _ledgers[c] = new CpuLedger(profile, c);
            for (long task = 1; task <= Tasks; task++)
            {
                var count = task == MeasuredTask ? 3 : 4;
                for (var n = 0; n < count; n++)
                {
                    _ledgers[c].TryApply(LedgerChange.TaskUp(Pool.Data, task, n));
                }
            }
        }
    }

    /// <summary>Reserve one more task-wide breakpoint (admitted on all 64 CPUs), then release it.</summary>
    [Benchmark(Baseline = true)]
    public long ReserveAndReleaseTaskWide()
    {
        var decision = _host.TryReserve(_extra);
        _host.Release(decision.ReservationId);
        return decision.ReservationId;
    }

    /// <summary>A fifth breakpoint for a full task: refused, with the reason naming the holders.</summary>
    [Benchmark]
    public Outcome RefuseFifthTaskWide() => _host.TryReserve(_fifth).Outcome;

    /// <summary>A CPU-bound breakpoint against every task's count on that CPU: refused in O(slots) via the histogram.</summary>
    [Benchmark]
    public Outcome RefuseCpuBound() => _host.TryReserve(_cpuBound).Outcome;

    /// <summary>The actors' path: prepare a task step on every CPU ledger, commit everywhere, then release everywhere.</summary>
    [Benchmark]
    public int TwoPhaseTaskWideOnLedgers()
    {
        var id = ++_requestId;
        var admitted = 0;
        var up = LedgerChange.TaskUp(Pool.Data, MeasuredTask, 3);
        foreach (var ledger in _ledgers)
        {
            admitted += ledger.Prepare(id, up) == HoldDecision.Admit ? 1 : 0;
        }

        var down = LedgerChange.TaskDown(Pool.Data, MeasuredTask, 4);
        foreach (var ledger in _ledgers)
        {
            ledger.Commit(id);
            ledger.Release(down);
        }

        return admitted;
    }
}
