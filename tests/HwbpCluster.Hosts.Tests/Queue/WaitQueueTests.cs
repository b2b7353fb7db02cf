using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Queue;

public sealed class WaitQueueTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(1));
    private readonly ReservationView[] _full;

    public WaitQueueTests() => _full = _t.FillCpu0WithPerf();

    private static ReserveCommand Waiting(Scope scope, ulong address, double seconds) =>
        new(scope, Specs.Write(address), true, false, "", TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task A_waiting_request_is_queued_then_served_when_room_returns()
    {
        var events = _t.Host.WatchReservations("gdb", 16);
        var waiting = _t.Host.ReserveAsync("gdb", Waiting(Scope.ForTask(1), 0x2000, 5));
        _t.System.RunUntilIdle();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(ReservationStatus.Suspended, _t.List("gdb").Single().State);
        Assert.True(_t.List("gdb").Single().Queued);

        _t.Run(_t.Host.ReleaseAsync("perf", _full[0].Id));
        var served = _t.Run(waiting);

        Assert.Equal(ReservationStatus.Active, served.State);
        Assert.False(served.Queued);
        Assert.False(_t.List("gdb").Single().Queued);
        Assert.Equal([$"r{served.Id} queued", $"r{served.Id} served", $"r{served.Id} session-closed"], await _t.CloseAndReadAsync("gdb", events));
    }

    [Fact]
    public void A_waiting_task_request_can_be_modified_and_is_served_with_its_new_spec()
    {
        var waiting = _t.Host.ReserveAsync("gdb", Waiting(Scope.ForTask(1), 0x2000, 5));
        _t.System.RunUntilIdle();
        var id = _t.List("gdb").Single().Id;

        var modified = _t.Run(_t.Host.ModifyAsync("gdb", id, Specs.Write(0x3000)));
        Assert.True(modified.Queued);

        _t.Run(_t.Host.ReleaseAsync("perf", _full[0].Id));
        Assert.Equal((id, 0x3000UL), (_t.Run(waiting).Id, _t.Run(waiting).Spec.Address));
    }

    [Fact]
    public void A_wait_that_runs_out_fails_with_wait_expired_and_leaves_nothing_held()
    {
        var waiting = _t.Host.ReserveAsync("gdb", Waiting(Scope.ForTask(1), 0x2000, 2));

        _t.System.AdvanceTime(TimeSpan.FromSeconds(3));

        Assert.Equal(HostError.WaitExpired, _t.Fails(waiting).Error);
        Assert.Equal(4, _t.List().Count);
        Assert.Equal((4, 0), (_t.State().Cpus[0].CpuPinned, _t.State().Cpus[0].MaxTaskPinned));
    }

    [Fact]
    public void Ptrace_is_served_before_an_older_perf_request_for_the_same_room()
    {
        var perf = _t.Host.ReserveAsync("perf", Waiting(Scope.OnCpu(0), 0x3000, 10));
        _t.System.RunUntilIdle();
        var gdb = _t.Host.ReserveAsync("gdb", Waiting(Scope.ForTask(1), 0x2000, 10));
        _t.System.RunUntilIdle();

        _t.Run(_t.Host.ReleaseAsync("perf", _full[0].Id));
        _t.System.RunUntilIdle();

        Assert.True(gdb.IsCompletedSuccessfully);
        Assert.False(perf.IsCompleted);
        _t.Run(_t.Host.ReleaseAsync("perf", _full[1].Id));
        Assert.Equal(ReservationStatus.Active, _t.Run(perf).State);
    }

    [Fact]
    public void Releasing_a_queued_request_takes_it_out_of_the_queue_and_answers_its_caller()
    {
        var waiting = _t.Host.ReserveAsync("gdb", Waiting(Scope.ForTask(1), 0x2000, 10));
        _t.System.RunUntilIdle();
        var queued = _t.List("gdb").Single();

        _t.Run(_t.Host.ReleaseAsync("gdb", queued.Id));
        _t.Run(_t.Host.ReleaseAsync("perf", _full[0].Id));
        _t.System.RunUntilIdle();

        Assert.Empty(_t.List("gdb"));
        Assert.Equal(HostError.FailedPrecondition, _t.Fails(waiting).Error);
        Assert.Equal(3, _t.List().Count);
    }

    [Fact]
    public void A_queued_kgdb_request_preempts_pinned_perf_when_it_is_served()
    {
        _t.Run(_t.Host.CloseSessionAsync("perf", "session-closed"));
        _t.Open("kgdb", ClientKind.Kgdb);
        _t.Open("perf2", ClientKind.Perf);
        _t.Spawn(2);
        var perf = new List<ReservationView>();
        for (var i = 0; i < 4; i++)
        {
            _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)));
            perf.Add(_t.Reserve("perf2", Scope.ForTask(2), Specs.Write(0x5000 + (ulong)(8 * i))));
        }

        // Task 1 (ptrace, never preempted) fills the cpu: kgdb waits.
        var kgdb = _t.Host.ReserveAsync("kgdb", new ReserveCommand(Scope.OnCpu(0), Specs.Execute(0xFFFF_FFFF_8100_0000), true, false, "", TimeSpan.FromSeconds(5)));
        _t.System.RunUntilIdle();
        Assert.False(kgdb.IsCompleted);

        _t.Run(_t.Sim.ExitTaskAsync(1));

        Assert.Equal(ReservationStatus.Active, _t.Run(kgdb).State);
        _t.System.RunUntilIdle();
        Assert.Equal(ReservationStatus.Suspended, _t.List("perf2").Single(v => v.Id == perf[3].Id).State);
        // Preempted, not waiting: it held a slot before and resumes first when room returns.
        Assert.False(_t.List("perf2").Single(v => v.Id == perf[3].Id).Queued);
        Assert.Equal(3, _t.List("perf2").Count(v => v.State == ReservationStatus.Active));
    }
}
