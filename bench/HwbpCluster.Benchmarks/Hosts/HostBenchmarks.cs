using BenchmarkDotNet.Attributes;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts;
using HwbpCluster.Hosts.Backends;

namespace HwbpCluster.Benchmarks.Hosts;

/// <summary>
/// The host actors on the production actor system (64-CPU simulated x86-64 host, no network) beside the pure core
/// (<see cref="HostArbiter"/>) doing the same decisions in the same run: each category's ratio is the actor overhead.
/// Sequential rows measure one request at a time (latency); "x64" rows keep 64 requests in flight (throughput).
/// </summary>
[Config(typeof(HostBenchmarkConfig))]
public class HostBenchmarks
{
    private const int Cpus = 64;
    private const int InFlight = 64;
    private static readonly BreakpointSpec Watch = new(0x10_0000, 8, Access.Write);
    private static readonly BreakpointSpec KernelText = new(0xFFFF_FFFF_8100_0000, 1, Access.Execute);

    private IHwbpHost _host = null!;
    private IHwbpHost _host256 = null!;
    private ISimulatedHost _sim = null!;
    private HostArbiter _pure = null!;
    private SimulatedRegisterBackend _registers = null!;
    private ReserveCommand[] _cpuCommands = null!;
    private ReserveCommand[] _taskCommands = null!;
    private ReserveCommand _wide = null!;
    private ReserveCommand[] _wideCommands = null!;

    [GlobalSetup]
    public void Setup()
    {
        var profile = ArchProfile.X86_64(Cpus);
        _registers = new SimulatedRegisterBackend(profile);
        _host = SimulatedHost.Start(new SimulatedHostOptions("bench", profile) { Backend = _registers });
        _sim = _host.Simulator!;
        _pure = new HostArbiter(profile);
        Wait(_host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: true)));
        Wait(_host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false)));
        Wait(_host.OpenSessionAsync(new SessionInfo("kgdb", ClientKind.Kgdb, "kgdb", Privileged: true)));
        for (var tid = 1; tid <= InFlight; tid++)
        {
            Wait(_sim.SpawnTaskAsync(tid, $"t{tid}"));
        }

        _cpuCommands = Enumerable.Range(0, InFlight).Select(c => new ReserveCommand(Scope.OnCpu(c), Watch, true, false, "", TimeSpan.Zero)).ToArray();
        _taskCommands = Enumerable.Range(1, InFlight).Select(t => new ReserveCommand(Scope.ForTask(t), Watch, true, false, "", TimeSpan.Zero)).ToArray();
        _wide = new ReserveCommand(Scope.AllCpus, KernelText, true, false, "", TimeSpan.Zero);

        // 64 wide pairs in flight: 4 slots per CPU, so most are refused for room (a refusal is a full negotiation too).
        _wideCommands = Enumerable.Range(0, InFlight)
            .Select(i => new ReserveCommand(Scope.AllCpus, KernelText with { Address = KernelText.Address + (ulong)i }, true, false, "", TimeSpan.Zero))
            .ToArray();

        _host256 = SimulatedHost.Start(new SimulatedHostOptions("bench-256", ArchProfile.X86_64(256)));
        Wait(_host256.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false)));
        Wait(_host256.Simulator!.SpawnTaskAsync(1, "t1"));

        // Hits: task 1 runs on cpu 0 with one write watch armed.
        Wait(_host.ReserveAsync("gdb", _taskCommands[0]));
        Wait(_sim.RunTaskAsync(1, 0));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _host256.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "CPU-bound pair, pure core")]
    [BenchmarkCategory("CpuBound")]
    public long CpuBoundPure() => PurePair(ClientKind.Perf, Scope.OnCpu(7), Watch);

    [Benchmark(Description = "CPU-bound pair, actors")]
    [BenchmarkCategory("CpuBound")]
    public async Task CpuBoundActors() => await Pair("perf", _cpuCommands[7]);

    [Benchmark(Description = "CPU-bound pair, actors x64", OperationsPerInvoke = InFlight)]
    [BenchmarkCategory("CpuBound")]
    public Task CpuBoundActorsInFlight() => Task.WhenAll(_cpuCommands.Select(c => Pair("perf", c)));

    [Benchmark(Baseline = true, Description = "task-bound pair, pure core")]
    [BenchmarkCategory("TaskBound")]
    public long TaskBoundPure() => PurePair(ClientKind.Ptrace, Scope.ForTask(2), Watch);

    [Benchmark(Description = "task-bound pair, actors")]
    [BenchmarkCategory("TaskBound")]
    public async Task TaskBoundActors() => await Pair("gdb", _taskCommands[1]);

    [Benchmark(Description = "task-bound pair, actors x64", OperationsPerInvoke = InFlight)]
    [BenchmarkCategory("TaskBound")]
    public Task TaskBoundActorsInFlight() => Task.WhenAll(_taskCommands.Select(c => Pair("gdb", c)));

    [Benchmark(Description = "task-bound pair, actors, 256 CPUs")]
    [BenchmarkCategory("TaskBound")]
    public async Task TaskBoundActors256()
    {
        var view = await _host256.ReserveAsync("gdb", _taskCommands[0]);
        await _host256.ReleaseAsync("gdb", view.Id);
    }

    [Benchmark(Baseline = true, Description = "wide pair, pure core")]
    [BenchmarkCategory("Wide")]
    public long WidePure() => PurePair(ClientKind.Kgdb, Scope.AllCpus, KernelText);

    [Benchmark(Description = "wide pair, actors")]
    [BenchmarkCategory("Wide")]
    public async Task WideActors() => await Pair("kgdb", _wide);

    [Benchmark(Description = "wide pair, actors x64", OperationsPerInvoke = InFlight)]
    [BenchmarkCategory("Wide")]
    public Task WideActorsInFlight() => Task.WhenAll(Enumerable.Range(0, InFlight).Select(i => PairOrRefused("kgdb", _wideCommands[i])));

    [Benchmark(Baseline = true, Description = "hit, direct slot scan")]
    [BenchmarkCategory("Hits")]
    public int HitDirect()
    {
        // The same work without actors: scan cpu 0's armed slots for an overlapping write watch.
        var hits = 0;
        for (var slot = 0; slot < 4; slot++)
        {
            if (_registers.Armed(0, slot) is { } spec && spec.Access is Access.Write or Access.ReadWrite
                && spec.Address <= Watch.Address + 3 && Watch.Address <= spec.Address + (ulong)(spec.Length - 1))
            {
                hits++;
            }
        }

        return hits;
    }

    [Benchmark(Description = "hit, actors")]
    [BenchmarkCategory("Hits")]
    public async Task<int> HitActors() => (await _sim.AccessAsync(1, Watch.Address, 4, Access.Write, 0x40_1000)).Count;

    private long PurePair(ClientKind kind, Scope scope, BreakpointSpec spec)
    {
        var decision = _pure.TryReserve(new ReservationRequest(kind, spec, scope) { Privileged = kind != ClientKind.Ptrace });
        _pure.Release(decision.ReservationId);
        return decision.ReservationId;
    }

    private async Task Pair(string session, ReserveCommand command)
    {
        var view = await _host.ReserveAsync(session, command);
        await _host.ReleaseAsync(session, view.Id);
    }

    private async Task PairOrRefused(string session, ReserveCommand command)
    {
        try
        {
            await Pair(session, command);
        }
        catch (HostException refused) when (refused.Error == HostError.NoRoom)
        {
        }
    }

    private static void Wait(Task task) => task.GetAwaiter().GetResult();
}
