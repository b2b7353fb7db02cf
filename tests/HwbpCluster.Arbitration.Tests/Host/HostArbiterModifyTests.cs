using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterModifyTests : HostArbiterTestBase
{
    [Fact]
    public void Modify_in_place_within_a_pool_needs_no_room()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var id = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Ptrace(5)).ReservationId).Last();
        var spec = new BreakpointSpec(0x40_0000, 1, Access.Execute);
        Assert.Equal(Outcome.Done, host.Modify(id, spec).Outcome);
        Assert.Equal(spec, Reservation(host, id).Spec);
    }

    [Fact]
    public void Modify_to_another_pool_rechecks_room_and_leaves_the_breakpoint_unchanged_when_there_is_none()
    {
        var host = new HostArbiter(ArchProfile.Arm64(2, instructionSlots: 1, dataSlots: 4));
        host.TryReserve(Perf(Scope.ForTask(9), Access.Execute));
        var watch = host.TryReserve(Perf(Scope.ForTask(9)));
        var before = Reservation(host, watch.ReservationId);

        var moved = host.Modify(watch.ReservationId, new BreakpointSpec(0x40_0000, 4, Access.Execute));
        Assert.Equal(Outcome.NoRoom, moved.Outcome);
        Assert.Equal(before, Reservation(host, watch.ReservationId));
        Assert.Equal((1, 1), (host.TaskCount(9, 0, Pool.Instruction), host.TaskCount(9, 0, Pool.Data)));
    }

    [Fact]
    public void Modify_to_another_pool_moves_the_count_when_there_is_room()
    {
        var host = new HostArbiter(ArchProfile.Arm64(2));
        var watch = host.TryReserve(Perf(Scope.ForTask(9)));
        Assert.Equal(Outcome.Done, host.Modify(watch.ReservationId, new BreakpointSpec(0x40_0000, 4, Access.Execute)).Outcome);
        Assert.Equal((1, 0), (host.TaskCount(9, 1, Pool.Instruction), host.TaskCount(9, 1, Pool.Data)));
    }

    [Fact]
    public void A_suspended_reservation_moved_to_a_pool_with_room_resumes_at_once()
    {
        var host = new HostArbiter(ArchProfile.Arm64(1, instructionSlots: 2, dataSlots: 2));
        host.TryReserve(Perf(Scope.OnCpu(0)));
        var victim = host.TryReserve(Perf(Scope.OnCpu(0))).ReservationId;
        var kgdb = new ReservationRequest(ClientKind.Kgdb, new BreakpointSpec(0xFFFF_0000_0000_1000, 8, Access.Write), Scope.OnCpu(0)) { Privileged = true };
        Assert.Equal([victim], host.TryReserve(kgdb).Suspended);

        var moved = host.Modify(victim, new BreakpointSpec(0x40_0000, 4, Access.Execute));

        Assert.Equal(Outcome.Done, moved.Outcome);
        Assert.Equal([victim], moved.Resumed);
        Assert.Equal(ReservationState.Active, Reservation(host, victim).State);
        Assert.Equal(1, host.CpuPinned(0, Pool.Instruction));
    }

    [Fact]
    public void Modify_validates_the_new_spec_for_the_same_client()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var id = host.TryReserve(Ptrace(5)).ReservationId;
        var decision = host.Modify(id, new BreakpointSpec(ArchProfile.X86KernelSpaceStart, 8, Access.Write));
        Assert.Equal((Outcome.NotPermitted, "kernel-space-ptrace"), (decision.Outcome, decision.Validation.Rule));
    }
}
