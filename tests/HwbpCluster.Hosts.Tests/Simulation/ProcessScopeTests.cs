using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Simulation;

/// <summary>
/// A process scope on the actor host: one inherited task reservation per task of the process, forks join, exits leave, and
/// the CPU ledgers always equal the pure core's model given the same task reservations.
/// </summary>
public sealed class ProcessScopeTests : IDisposable
{
    private readonly TestHost _t = new(ArchProfile.X86_64(4));
    private readonly HostArbiter _model = new(ArchProfile.X86_64(4));

    public ProcessScopeTests()
    {
        _t.Open("gdb", ClientKind.Ptrace, privileged: false);
        _t.Spawn(1);
        _t.Run(_t.Sim.ForkTaskAsync(1, 2));
        _t.Run(_t.Sim.ForkTaskAsync(1, 3));
        _t.Run(_t.Sim.ForkTaskAsync(2, 4));
        _t.Spawn(50);
    }

    public void Dispose() => _t.Dispose();

    [Fact]
    public void A_process_reservation_counts_one_inherited_breakpoint_on_each_task_forks_join_exits_leave()
    {
        var process = _t.Reserve("gdb", Scope.ForProcess(1), Specs.Write(0x1000));

        Assert.Equal((Scope.ForProcess(1), true), (process.Scope, process.Inherit));
        Assert.Equal([1L, 2L, 3L, 4L], Members(process.Id));
        foreach (var tid in (long[])[1, 2, 3, 4])
        {
            ModelReserve(tid);
        }

        AssertLedgersEqualModel();

        _t.Run(_t.Sim.ForkTaskAsync(3, 5));
        ModelFork(3, 5);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Members(process.Id));
        AssertLedgersEqualModel();

        _t.Run(_t.Sim.ExitTaskAsync(2));
        Assert.Equal(Outcome.Done, _model.Exit(2).Outcome);
        Assert.Equal([1L, 3L, 4L, 5L], Members(process.Id));
        AssertLedgersEqualModel();

        // Not part of the process: task 50 holds nothing.
        Assert.DoesNotContain(_t.List(), v => v.Scope.TaskId == 50);

        _t.Run(_t.Host.ReleaseAsync("gdb", process.Id));
        Assert.Empty(_t.List());
        Assert.All(_t.Run(_t.Host.CountsAsync()), c => Assert.Equal(0, c.MaxTask[(int)Pool.Data]));
    }

    [Fact]
    public void Releasing_any_task_reservation_of_the_process_releases_all_of_them()
    {
        var process = _t.Reserve("gdb", Scope.ForProcess(1), Specs.Write(0x1000));
        var other = _t.Reserve("gdb", Scope.ForTask(3), Specs.Write(0x2000));
        var member = Assert.Single(_t.List(), v => v.Scope == Scope.ForTask(4) && v.Process is not null);

        _t.Run(_t.Host.ReleaseAsync("gdb", member.Id));

        Assert.Equal(other.Id, Assert.Single(_t.List()).Id);
        Assert.Equal(HostError.NotFound, _t.Fails(_t.Host.ReleaseAsync("gdb", process.Id)).Error);
    }

    [Fact]
    public void A_child_of_the_process_is_hit_in_its_own_tid()
    {
        var process = _t.Reserve("gdb", Scope.ForProcess(1), Specs.Write(0x1000));
        var child = _t.Run(_t.Sim.ForkTaskAsync(4, 0));
        _t.Run(_t.Sim.RunTaskAsync(child.Tid, 2));

        var hit = Assert.Single(_t.Run(_t.Sim.AccessAsync(child.Tid, 0x1000, 8, Access.Write, 0x400000)));

        Assert.Equal(child.Tid, hit.Tid);
        var copy = Assert.Single(_t.List(), v => v.Scope == Scope.ForTask(child.Tid));
        Assert.Equal((copy.Id, 1L, process.Id), (hit.ReservationId, copy.Process!.Pid, copy.Process.Group));
    }

    [Fact]
    public void A_task_without_room_refuses_the_whole_process_and_leaves_nothing()
    {
        for (var i = 0; i < 4; i++)
        {
            _t.Reserve("gdb", Scope.ForTask(3), Specs.Write(0x2000 + ((ulong)i * 8)));
        }

        var error = _t.Fails(_t.Host.ReserveAsync("gdb", Command(Scope.ForProcess(1))));

        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.All(_t.List(), v => Assert.Equal(Scope.ForTask(3), v.Scope));
        Assert.Equal(4, _t.List().Count);
    }

    [Theory]
    [InlineData(ClientKind.Kgdb, HostError.PermissionDenied, "kgdb-cpu-bound")]
    [InlineData(ClientKind.Kvm, HostError.PermissionDenied, "kvm-borrows")]
    public void Kinds_without_tasks_may_not_reserve_a_process(ClientKind kind, HostError expected, string rule)
    {
        _t.Open("other", kind);

        var error = _t.Fails(_t.Host.ReserveAsync("other", Command(Scope.ForProcess(1))));

        Assert.Equal(expected, error.Error);
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Empty(_t.List());
    }

    [Fact]
    public void An_unknown_process_is_not_found_and_a_waiting_one_is_refused()
    {
        Assert.Equal(HostError.NotFound, _t.Fails(_t.Host.ReserveAsync("gdb", Command(Scope.ForProcess(77)))).Error);

        var waiting = Command(Scope.ForProcess(1)) with { Wait = TimeSpan.FromSeconds(1) };
        var error = _t.Fails(_t.Host.ReserveAsync("gdb", waiting));
        Assert.Equal(HostError.InvalidArgument, error.Error);
        Assert.Contains("process-no-wait", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_part_of_a_process_reservation_is_not_modified_alone()
    {
        var process = _t.Reserve("gdb", Scope.ForProcess(1), Specs.Write(0x1000));

        var error = _t.Fails(_t.Host.ModifyAsync("gdb", process.Id, Specs.Write(0x2000)));

        Assert.Equal(HostError.FailedPrecondition, error.Error);
        Assert.All(_t.List(), v => Assert.Equal(0x1000UL, v.Spec.Address));
    }

    [Fact]
    public void A_fleet_prepare_cannot_hold_a_process()
    {
        var error = _t.Fails(_t.Host.PrepareAsync("gdb", Command(Scope.ForProcess(1)), TimeSpan.FromSeconds(5)));

        Assert.Equal(HostError.FailedPrecondition, error.Error);
    }

    private static ReserveCommand Command(Scope scope) => new(scope, Specs.Write(0x1000), true, false, "", TimeSpan.Zero);

    private long[] Members(long group) =>
        [.. _t.List().Where(v => v.Process?.Group == group).Select(v => v.Scope.TaskId).Order()];

    private void ModelReserve(long tid)
    {
        var decision = _model.TryReserve(new ReservationRequest(ClientKind.Ptrace, Specs.Write(0x1000), Scope.ForTask(tid)) { Inherit = true });
        Assert.Equal(Outcome.Admitted, decision.Outcome);
    }

    private void ModelFork(long parent, long child) => Assert.Equal(Outcome.Done, _model.Fork(parent, child).Outcome);

    private void AssertLedgersEqualModel() => Assert.Null(LedgerComparison.Against(_t.Run(_t.Host.CountsAsync()), _model));
}
