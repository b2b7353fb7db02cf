using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterReserveTests : HostArbiterTestBase
{
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
}
