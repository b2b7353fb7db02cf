using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

public sealed class ArchProfilesTests
{
    [Fact]
    public void Arm64_accounts_execute_and_data_breakpoints_in_separate_pools_and_lists_instruction_slots_first()
    {
        var t = new TestHost(ArchProfile.Arm64(2, instructionSlots: 2, dataSlots: 1));
        t.Open("perf", ClientKind.Perf);
        var x = t.Reserve("perf", Scope.OnCpu(0), new BreakpointSpec(0x40_1000, 4, Access.Execute));
        var r = t.Reserve("perf", Scope.OnCpu(0), new BreakpointSpec(0x2000, 1, Access.Read));

        var slots = t.State().Cpus[0].Slots;
        Assert.Equal([x.Id, 0, r.Id], slots.Select(s => s.ReservationId));
        Assert.Equal(0UL, t.State().Cpus[0].Dr7);
        var full = t.Fails(t.Host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(0), new BreakpointSpec(0x3000, 2, Access.Write), true, false, "", TimeSpan.Zero)));
        Assert.Contains("data pool full (1 slots)", full.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arm64_modify_to_a_full_pool_is_refused_and_leaves_the_reservation_unchanged()
    {
        var t = new TestHost(ArchProfile.Arm64(2, instructionSlots: 1, dataSlots: 1));
        t.Open("perf", ClientKind.Perf);
        t.Spawn(1);
        t.Reserve("perf", Scope.OnCpu(1), new BreakpointSpec(0x2000, 8, Access.Write));
        var x = t.Reserve("perf", Scope.ForTask(1), new BreakpointSpec(0x40_1000, 4, Access.Execute));

        var error = t.Fails(t.Host.ModifyAsync("perf", x.Id, new BreakpointSpec(0x3000, 8, Access.Write)));

        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.Equal(x.Spec, t.List().Single(v => v.Id == x.Id).Spec);
        t.Run(t.Sim.RunTaskAsync(1, 0));
        Assert.Equal(x.Id, t.State().Cpus[0].Slots[0].ReservationId);
    }

    [Fact]
    public void Power9_has_no_instruction_slots_so_an_execute_breakpoint_finds_no_room()
    {
        var t = new TestHost(ArchProfile.Ppc64P9(2));
        t.Open("perf", ClientKind.Perf);

        var error = t.Fails(t.Host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(0), new BreakpointSpec(0x40_1000, 4, Access.Execute), true, false, "", TimeSpan.Zero)));

        Assert.Equal(HostError.NoRoom, error.Error);
        Assert.Contains("instruction pool full (0 slots)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_of_1024_cpus_takes_a_wide_breakpoint_on_every_cpu()
    {
        var t = new TestHost(ArchProfile.X86_64(1024));
        t.Open("kgdb", ClientKind.Kgdb);

        var view = t.Reserve("kgdb", Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0000));

        var state = t.State();
        Assert.Equal(1024, state.Cpus.Count);
        Assert.All(state.Cpus, c => Assert.Equal(view.Id, c.Slots[0].ReservationId));
    }
}
