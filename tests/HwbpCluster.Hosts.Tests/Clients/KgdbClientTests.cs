using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Clients;

public sealed class KgdbClientTests
{
    private static readonly BreakpointSpec KernelText = Specs.Execute(0xFFFF_FFFF_8100_0000);
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public KgdbClientTests()
    {
        _t.Open("kgdb", ClientKind.Kgdb);
        _t.Open("perf", ClientKind.Perf);
    }

    [Fact]
    public void Unprivileged_kgdb_is_permission_denied()
    {
        _t.Open("weak", ClientKind.Kgdb, privileged: false);

        var error = _t.Fails(_t.Host.ReserveAsync("weak", new ReserveCommand(Scope.AllCpus, KernelText, true, false, "", TimeSpan.Zero)));

        Assert.Equal(HostError.PermissionDenied, error.Error);
    }

    [Fact]
    public void Kgdb_may_not_reserve_task_scopes()
    {
        _t.Spawn(1);

        var error = _t.Fails(_t.Host.ReserveAsync("kgdb", new ReserveCommand(Scope.ForTask(1), KernelText, true, false, "", TimeSpan.Zero)));

        Assert.Equal(HostError.PermissionDenied, error.Error);
    }

    [Fact]
    public async Task Wide_kgdb_breakpoint_suspends_the_newest_pinned_perf_breakpoint_on_a_full_cpu_and_resumes_it_on_release()
    {
        var perf = Enumerable.Range(0, 4).Select(i => _t.Reserve("perf", Scope.OnCpu(1), Specs.Write(0x1000 + (ulong)(8 * i)))).ToArray();
        var events = _t.Host.WatchReservations("perf", 64);

        var kgdb = _t.Reserve("kgdb", Scope.AllCpus, KernelText);

        var views = _t.List("perf").ToDictionary(v => v.Id);
        Assert.Equal(ReservationStatus.Suspended, views[perf[3].Id].State);
        Assert.All(perf.Take(3), p => Assert.Equal(ReservationStatus.Active, views[p.Id].State));
        Assert.Contains(kgdb.Id, _t.State().Cpus[1].Slots.Select(s => s.ReservationId));

        _t.Run(_t.Host.ReleaseAsync("kgdb", kgdb.Id));
        _t.System.RunUntilIdle();

        Assert.All(_t.List("perf"), v => Assert.Equal(ReservationStatus.Active, v.State));
        Assert.Equal(4, _t.State().Cpus[1].CpuPinned);
        var reasons = await _t.CloseAndReadAsync("perf", events);

        Assert.Contains($"r{perf[3].Id} preempted-by kgdb", reasons);
        Assert.Contains($"r{perf[3].Id} resumed", reasons);
    }

    [Fact]
    public void Kgdb_request_that_preemption_cannot_satisfy_restores_every_victim()
    {
        // cpu 0 can be freed by suspending the perf breakpoint, cpu 1 cannot (kgdb's own and ptrace's hold it).
        _t.Open("gdb", ClientKind.Ptrace, privileged: false);
        _t.Spawn(1);
        _t.Reserve("kgdb", Scope.OnCpu(1), KernelText);
        var perf = _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x2000));
        for (var i = 0; i < 3; i++)
        {
            _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var error = _t.Fails(_t.Host.ReserveAsync("kgdb", new ReserveCommand(Scope.AllCpus, KernelText, true, false, "", TimeSpan.Zero)));

        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.Contains("cpu 1", error.Message, StringComparison.Ordinal);
        Assert.All(_t.List(), v => Assert.Equal(ReservationStatus.Active, v.State));
        Assert.Equal((1, 3), (_t.State().Cpus[0].CpuPinned, _t.State().Cpus[0].MaxTaskPinned));
        Assert.Equal(perf.Id, _t.State().Cpus[0].Slots.Single(s => s.Spec == Specs.Write(0x2000)).ReservationId);
    }

    [Fact]
    public async Task Kgdb_suspends_every_part_of_a_perf_process_reservation_on_a_full_cpu_and_resumes_them_all_on_release()
    {
        // cpu 1 is full: three of kgdb's own (never suspended) plus the process's parts (each task counts on every CPU), so
        // the CPU's task maximum must drop: every task's part goes.
        _t.Spawn(1);
        _t.Run(_t.Sim.ForkTaskAsync(1, 2));
        _t.Run(_t.Sim.ForkTaskAsync(1, 3));
        for (var i = 0; i < 3; i++)
        {
            _t.Reserve("kgdb", Scope.OnCpu(1), Specs.Execute(0xFFFF_FFFF_8200_0000 + (ulong)(16 * i)));
        }

        var process = _t.Reserve("perf", Scope.ForProcess(1), Specs.Write(0x3000));
        var events = _t.Host.WatchReservations("perf", 64);

        var kgdb = _t.Reserve("kgdb", Scope.AllCpus, KernelText);

        var parts = _t.List("perf").Where(v => v.Process?.Group == process.Id).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.Equal(ReservationStatus.Suspended, p.State));
        Assert.Contains(kgdb.Id, _t.State().Cpus[1].Slots.Select(s => s.ReservationId));
        Assert.All(_t.State().Cpus, c => Assert.True(c.CpuPinned + c.MaxTaskPinned <= 4));

        _t.Run(_t.Host.ReleaseAsync("kgdb", kgdb.Id));
        _t.System.RunUntilIdle();

        Assert.All(_t.List("perf"), v => Assert.Equal(ReservationStatus.Active, v.State));
        Assert.Equal((3, 1), (_t.State().Cpus[1].CpuPinned, _t.State().Cpus[1].MaxTaskPinned));
        Assert.Equal((0, 1), (_t.State().Cpus[0].CpuPinned, _t.State().Cpus[0].MaxTaskPinned));
        var reasons = await _t.CloseAndReadAsync("perf", events);
        Assert.All(parts, p => Assert.Contains($"r{p.Id} preempted-by kgdb", reasons));
        Assert.All(parts, p => Assert.Contains($"r{p.Id} resumed", reasons));
    }
}
