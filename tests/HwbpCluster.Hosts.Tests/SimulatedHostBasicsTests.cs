using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

public sealed class SimulatedHostBasicsTests
{
    [Fact]
    public void Cpu_bound_reservation_is_armed_in_slot_0_with_the_linux_dr7_image()
    {
        var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("perf", ClientKind.Perf);
        var view = t.Reserve("perf", Scope.OnCpu(1), Specs.Write(0x1000, 4));

        var cpu1 = t.State().Cpus[1];
        Assert.Equal(ReservationStatus.Active, view.State);
        Assert.Equal(view.Id, cpu1.Slots[0].ReservationId);
        Assert.Equal(0x000D0202UL, cpu1.Dr7);
        Assert.Equal(1, cpu1.CpuPinned);
        Assert.Equal(0UL, t.State().Cpus[0].Dr7);
    }

    [Fact]
    public void Task_breakpoint_is_armed_only_on_the_cpu_where_its_task_runs()
    {
        var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("gdb", ClientKind.Ptrace);
        t.Spawn(42);
        t.Spawn(43);
        var view = t.Reserve("gdb", Scope.ForTask(42), Specs.ReadWrite(0x2000, 8));

        Assert.All(t.State().Cpus, c => Assert.Equal(0UL, c.Dr7));
        t.Run(t.Sim.RunTaskAsync(42, 0));
        Assert.Equal(view.Id, t.State().Cpus[0].Slots[0].ReservationId);
        Assert.Equal(0x000B0202UL, t.State().Cpus[0].Dr7);

        t.Run(t.Sim.RunTaskAsync(43, 0));
        Assert.Equal(0UL, t.State().Cpus[0].Dr7);
        Assert.Equal(43, t.State().Cpus[0].RunningTid);
    }

    [Fact]
    public void Fifth_task_breakpoint_on_x86_is_refused_with_no_room_naming_the_holder()
    {
        var t = new TestHost(ArchProfile.X86_64(4));
        t.Open("gdb", ClientKind.Ptrace);
        t.Spawn(7);
        for (var i = 0; i < 4; i++)
        {
            t.Reserve("gdb", Scope.ForTask(7), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var error = t.Fails(t.Host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(7), Specs.Write(0x2000), true, false, "", TimeSpan.Zero)));
        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.Contains("task 7 holds 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_reservation_is_armed_on_every_cpu_and_released_from_every_cpu()
    {
        var t = new TestHost(ArchProfile.X86_64(8));
        t.Open("kgdb", ClientKind.Kgdb);
        var view = t.Reserve("kgdb", Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0000));

        Assert.All(t.State().Cpus, c => Assert.Equal(view.Id, c.Slots[0].ReservationId));
        t.Run(t.Host.ReleaseAsync("kgdb", view.Id));
        Assert.All(t.State().Cpus, c => Assert.Equal(0, c.CpuPinned));
        Assert.All(t.State().Cpus, c => Assert.Equal(0UL, c.Dr7));
        Assert.Empty(t.List());
    }

    [Fact]
    public void Closing_a_session_releases_everything_it_holds_and_leaves_others()
    {
        var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("a", ClientKind.Perf);
        t.Open("b", ClientKind.Perf);
        t.Spawn(5);
        t.Reserve("a", Scope.OnCpu(0), Specs.Write(0x10));
        t.Reserve("a", Scope.ForTask(5), Specs.Write(0x18));
        var kept = t.Reserve("b", Scope.OnCpu(1), Specs.Write(0x20));

        Assert.Equal(2, t.Run(t.Host.CloseSessionAsync("a", "session-closed")));
        Assert.Equal([kept.Id], t.List().Select(v => v.Id));
        Assert.Equal(0, t.State().Cpus[0].CpuPinned);
        Assert.Equal(HostError.NotFound, t.Fails(t.Host.ReleaseAsync("a", kept.Id)).Error);
    }

    [Fact]
    public void Unknown_session_task_cpu_and_reservation_are_not_found()
    {
        var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("p", ClientKind.Perf);
        var command = new ReserveCommand(Scope.ForTask(99), Specs.Write(0x10), true, false, "", TimeSpan.Zero);

        Assert.Equal(HostError.NotFound, t.Fails(t.Host.ReserveAsync("nobody", command)).Error);
        Assert.Equal(HostError.NotFound, t.Fails(t.Host.ReserveAsync("p", command)).Error);
        Assert.Equal(HostError.NotFound, t.Fails(t.Sim.RunTaskAsync(99, 0)).Error);
        Assert.Equal(HostError.NotFound, t.Fails(t.Host.ReleaseAsync("p", 12345)).Error);
        t.Spawn(99);
        Assert.Equal(HostError.NotFound, t.Fails(t.Sim.RunTaskAsync(99, 2)).Error);
    }

    [Fact]
    public void Invalid_spec_is_refused_with_the_validators_field_and_rule()
    {
        var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("p", ClientKind.Perf);
        var command = new ReserveCommand(Scope.OnCpu(0), new BreakpointSpec(0x1001, 4, Access.Write), true, false, "", TimeSpan.Zero);

        var error = t.Fails(t.Host.ReserveAsync("p", command));
        Assert.Equal(HostError.InvalidArgument, error.Error);
        Assert.Contains("address (aligned-to-length)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reservation_decided_after_its_session_closed_is_given_back()
    {
        var t = new TestHost(ArchProfile.X86_64(8));
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Spawn(1);

        var reserve = t.Host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(1), Specs.Write(0x1000), true, false, "", TimeSpan.Zero));
        var close = t.Host.CloseSessionAsync("gdb", "session-closed");
        t.System.RunUntilQuiescent();

        Assert.True(reserve.IsCompleted && close.IsCompletedSuccessfully);
        Assert.Empty(t.List());
        Assert.All(t.State().Cpus, c => Assert.Equal(0, c.MaxTaskPinned));
    }
}
