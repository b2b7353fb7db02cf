using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterTests
{
    private ulong _address = 0x10_0000;

    private ReservationRequest Ptrace(long task, bool inherit = false) =>
        new(ClientKind.Ptrace, new BreakpointSpec(_address += 8, 8, Access.Write), Scope.ForTask(task)) { Inherit = inherit };

    private ReservationRequest Perf(Scope scope, Access access = Access.Write, bool pinned = true, bool inherit = false) =>
        new(ClientKind.Perf, new BreakpointSpec(_address += 8, access == Access.Execute ? 4 : 8, access), scope)
        {
            Privileged = true,
            Pinned = pinned,
            Inherit = inherit,
        };

    private ReservationRequest Kgdb() =>
        new(ClientKind.Kgdb, new BreakpointSpec(0xFFFF_FFFF_8100_0000 + (_address += 8), 1, Access.Execute), Scope.AllCpus) { Privileged = true };

    [Fact]
    public void A_fifth_breakpoint_on_x86_is_refused_with_a_reason_naming_what_holds_the_slots()
    {
        var host = new HostArbiter(ArchProfile.X86_64(4));
        var cpuBound = host.TryReserve(Perf(Scope.OnCpu(3))).ReservationId;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Outcome.Admitted, host.TryReserve(Ptrace(42)).Outcome);
        }

        var refused = host.TryReserve(Ptrace(42));
        Assert.Equal(Outcome.NoRoom, refused.Outcome);
        Assert.Contains($"cpu 3 shared pool full (4 slots): 1 cpu-bound (r{cpuBound}), task 42 holds 3", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_request_is_answered_with_its_validation_and_takes_no_id()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var decision = host.TryReserve(new ReservationRequest(ClientKind.Ptrace, new BreakpointSpec(0x1000, 4, Access.Read), Scope.ForTask(1)));
        Assert.Equal(Outcome.Invalid, decision.Outcome);
        Assert.Equal("x86-read-unsupported", decision.Validation.Rule);
        Assert.Empty(host.Reservations);
    }

    [Fact]
    public void A_wide_breakpoint_takes_a_slot_on_every_cpu()
    {
        var host = new HostArbiter(ArchProfile.X86_64(4));
        Assert.Equal(Outcome.Admitted, host.TryReserve(Kgdb()).Outcome);
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(1, host.CpuPinned(c, Pool.Data)));
    }

    [Fact]
    public void A_wide_breakpoint_that_does_not_fit_on_one_cpu_takes_no_slot_anywhere()
    {
        var host = new HostArbiter(ArchProfile.X86_64(4));
        for (var i = 0; i < 4; i++)
        {
            host.TryReserve(new ReservationRequest(ClientKind.Kvm, new BreakpointSpec(_address += 8, 8, Access.Write), Scope.ForTaskOnCpu(3, 2)));
        }

        var wide = host.TryReserve(Kgdb());
        Assert.Equal(Outcome.NoRoom, wide.Outcome);
        Assert.Contains("cpu 2 shared pool full", wide.Reason, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal(0, host.CpuPinned(c, Pool.Data)));
    }

    [Fact]
    public void Kgdb_suspends_pinned_perf_reservations_to_make_room_and_they_come_back_in_original_order()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var perf = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Perf(Scope.OnCpu(1))).ReservationId).ToArray();
        var kgdb = host.TryReserve(Kgdb());
        Assert.Equal(Outcome.Admitted, kgdb.Outcome);
        Assert.Equal([perf[3]], kgdb.Suspended);
        Assert.Equal(ReservationState.Suspended, Reservation(host, perf[3]).State);

        var released = host.Release(kgdb.ReservationId);
        Assert.Equal([perf[3]], released.Resumed);
        Assert.Equal(4, host.CpuPinned(1, Pool.Data));
    }

    [Fact]
    public void Kgdb_never_suspends_ptrace_reservations()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        for (var i = 0; i < 4; i++)
        {
            host.TryReserve(Ptrace(42));
        }

        var kgdb = host.TryReserve(Kgdb());
        Assert.Equal(Outcome.NoRoom, kgdb.Outcome);
        Assert.Empty(host.SuspendedIds);
        Assert.Equal(4, host.TaskCount(42, 0, Pool.Data));
    }

    [Fact]
    public void Kgdb_gives_back_what_it_suspended_when_another_cpu_stays_blocked()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var perf = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Perf(Scope.OnCpu(0))).ReservationId).ToArray();
        for (var i = 0; i < 4; i++)
        {
            host.TryReserve(new ReservationRequest(ClientKind.Kvm, new BreakpointSpec(_address += 8, 8, Access.Write), Scope.ForTaskOnCpu(3, 1)));
        }

        Assert.Equal(Outcome.NoRoom, host.TryReserve(Kgdb()).Outcome);
        Assert.Empty(host.SuspendedIds);
        Assert.All(perf, id => Assert.Equal(ReservationState.Active, Reservation(host, id).State));
        Assert.Equal((4, 4), (host.CpuPinned(0, Pool.Data), host.TaskCount(3, 1, Pool.Data)));
    }

    [Fact]
    public void A_request_that_may_wait_is_queued_and_served_when_room_returns()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var held = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Ptrace(5)).ReservationId).ToArray();
        var queued = host.TryReserve(Ptrace(5) with { MayWait = true });
        Assert.Equal(Outcome.Queued, queued.Outcome);
        Assert.Equal(ReservationState.Queued, Reservation(host, queued.ReservationId).State);

        var release = host.Release(held[0]);
        Assert.Equal([queued.ReservationId], release.Served);
        Assert.Equal(ReservationState.Active, Reservation(host, queued.ReservationId).State);
        Assert.Equal(4, host.TaskCount(5, 0, Pool.Data));
    }

    [Fact]
    public void Waiting_requests_are_served_kgdb_first_then_ptrace_then_perf_as_room_returns()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var held = Enumerable.Range(0, 4).Select(_ => host.TryReserve(new ReservationRequest(
            ClientKind.Kvm, new BreakpointSpec(_address += 8, 8, Access.Write), Scope.ForTaskOnCpu(9, 0)))).Select(d => d.ReservationId).ToArray();
        var perf = host.TryReserve(Perf(Scope.OnCpu(0)) with { MayWait = true });
        var ptrace = host.TryReserve(Ptrace(9) with { MayWait = true });
        var kgdb = host.TryReserve(Kgdb() with { MayWait = true });
        Assert.All(new[] { perf, ptrace, kgdb }, d => Assert.Equal(Outcome.Queued, d.Outcome));
        Assert.Equal([kgdb.ReservationId, ptrace.ReservationId, perf.ReservationId], host.QueuedIds);

        Assert.Equal([kgdb.ReservationId], host.Release(held[0]).Served);
        Assert.Equal([ptrace.ReservationId], host.Release(held[1]).Served);
        Assert.Equal([perf.ReservationId], host.Release(held[2]).Served);
        Assert.Empty(host.QueuedIds);
    }

    [Fact]
    public void Releasing_a_queued_request_takes_it_out_of_the_queue()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var held = Enumerable.Range(0, 4).Select(_ => host.TryReserve(Ptrace(5)).ReservationId).ToArray();
        var queued = host.TryReserve(Ptrace(5) with { MayWait = true });
        Assert.Equal(Outcome.Done, host.Release(queued.ReservationId).Outcome);
        Assert.Empty(host.Release(held[0]).Served);
        Assert.False(host.TryGet(queued.ReservationId, out _));
    }

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
    public void Modify_validates_the_new_spec_for_the_same_client()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        var id = host.TryReserve(Ptrace(5)).ReservationId;
        var decision = host.Modify(id, new BreakpointSpec(ArchProfile.X86KernelSpaceStart, 8, Access.Write));
        Assert.Equal((Outcome.NotPermitted, "kernel-space-ptrace"), (decision.Outcome, decision.Validation.Rule));
    }

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

    [Fact]
    public void Flexible_reservations_are_admitted_without_taking_a_slot()
    {
        var host = new HostArbiter(ArchProfile.Ppc64P9(2));
        Assert.Equal(Outcome.Admitted, host.TryReserve(Perf(Scope.ForTask(5))).Outcome);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Outcome.Admitted, host.TryReserve(Perf(Scope.ForTask(5), pinned: false)).Outcome);
        }

        Assert.Equal(1, host.TaskCount(5, 0, Pool.Data));
    }

    [Fact]
    public void Power_has_no_room_for_execute_breakpoints()
    {
        var host = new HostArbiter(ArchProfile.Ppc64P10(2));
        var decision = host.TryReserve(Perf(Scope.ForTask(5), Access.Execute));
        Assert.Equal(Outcome.NoRoom, decision.Outcome);
        Assert.Contains("instruction pool full (0 slots)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_reservations_are_not_found()
    {
        var host = new HostArbiter(ArchProfile.X86_64(2));
        Assert.Equal(Outcome.NotFound, host.Release(99).Outcome);
        Assert.Equal(Outcome.NotFound, host.Modify(99, new BreakpointSpec(0x1000, 1, Access.Write)).Outcome);
        Assert.Equal(ValidationResult.Valid, host.Release(99).Validation);
    }

    private static Reservation Reservation(HostArbiter host, long id)
    {
        Assert.True(host.TryGet(id, out var reservation));
        return reservation;
    }
}
