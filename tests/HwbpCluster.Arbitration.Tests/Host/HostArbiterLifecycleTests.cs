using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterLifecycleTests : HostArbiterTestBase
{
    [Fact]
    public void Fork_copies_only_inherited_breakpoints_to_the_child_as_its_own()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        host.TryReserve(Ptrace(5, inherit: true));
        host.TryReserve(Ptrace(5, inherit: false));
        host.TryReserve(Perf(Scope.ForTaskOnCpu(5, 1), inherit: true));

        var fork = host.Fork(5, 6);
        Assert.Equal(Outcome.Done, fork.Outcome);
        Assert.Equal(2, fork.Affected.Count);
        Assert.Equal((1, 2), (host.TaskCount(6, 0, Pool.Data), host.TaskCount(6, 1, Pool.Data)));
        Assert.All(fork.Affected, id => Assert.Equal(6, Reservation(host, id).Request.Scope.TaskId));
    }

    [Fact]
    public void Fork_onto_a_child_that_already_fills_its_slots_keeps_none_of_the_copies()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        host.TryReserve(Ptrace(5, inherit: true));
        host.TryReserve(Ptrace(5, inherit: true));
        for (var i = 0; i < 3; i++)
        {
            host.TryReserve(Ptrace(6));
        }

        var fork = host.Fork(5, 6);
        Assert.Equal(Outcome.NoRoom, fork.Outcome);
        Assert.Contains("task 6 holds 4", fork.Reason, StringComparison.Ordinal);
        Assert.Equal(3, host.TaskCount(6, 0, Pool.Data));
        Assert.Equal(5, host.Reservations.Count);
    }

    [Fact]
    public void Fork_rejects_a_child_id_equal_to_the_parent()
    {
        var decision = new HostArbiter(ArchProfile.X86_64(2)).Fork(5, 5);
        Assert.Equal((Outcome.Invalid, "child", "child-is-new"), (decision.Outcome, decision.Validation.Field, decision.Validation.Rule));
    }

    [Fact]
    public void Exit_releases_every_breakpoint_of_the_task_and_serves_waiting_requests()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var ids = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Perf(Scope.ForTask(5)))).Select(d => d.ReservationId).ToArray();
        var waiting = host.TryReserve(Perf(Scope.OnCpu(0)) with { MayWait = true });
        Assert.Equal(Outcome.Queued, waiting.Outcome);

        var exit = host.Exit(5);
        Assert.Equal(ids, exit.Affected);
        Assert.Equal([waiting.ReservationId], exit.Served);
        Assert.Equal(0, host.TaskCount(5, 0, Pool.Data));
        Assert.Equal(1, host.CpuPinned(0, Pool.Data));
    }
}
