using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Simulation;

public sealed class TaskLifecycleTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(4));

    public TaskLifecycleTests() => _t.Open("gdb", ClientKind.Ptrace);

    [Fact]
    public void Fork_copies_inherited_breakpoints_to_the_child_and_not_the_others()
    {
        _t.Spawn(1);
        var inherited = _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000), inherit: true);
        _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1008));

        var child = _t.Run(_t.Sim.ForkTaskAsync(1, 2));

        Assert.Equal((2L, 1L), (child.Tid, child.ParentTid));
        var copy = Assert.Single(_t.List(), v => v.Scope == Scope.ForTask(2));
        Assert.Equal((inherited.Spec, true), (copy.Spec, copy.Inherit));
        _t.Run(_t.Sim.RunTaskAsync(2, 3));
        Assert.Equal(copy.Id, _t.State().Cpus[3].Slots[0].ReservationId);
    }

    [Fact]
    public void Exit_releases_the_tasks_breakpoints_and_idles_its_cpu()
    {
        _t.Spawn(1);
        _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000));
        _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1008));
        _t.Run(_t.Sim.RunTaskAsync(1, 2));

        _t.Run(_t.Sim.ExitTaskAsync(1));

        Assert.Empty(_t.List());
        Assert.All(_t.State().Cpus, c => Assert.Equal((0, 0, 0UL), (c.MaxTaskPinned, c.CpuPinned, c.Dr7)));
        Assert.Equal(HostError.NotFound, _t.Fails(_t.Sim.RunTaskAsync(1, 0)).Error);
    }

    [Fact]
    public void Spawn_with_tid_zero_allocates_a_fresh_tid()
    {
        var a = _t.Run(_t.Sim.SpawnTaskAsync(0, "a"));
        var b = _t.Run(_t.Sim.SpawnTaskAsync(0, "b"));

        Assert.NotEqual(a.Tid, b.Tid);
        Assert.Equal(HostError.FailedPrecondition, _t.Fails(_t.Sim.SpawnTaskAsync(a.Tid, "again")).Error);
    }
}
