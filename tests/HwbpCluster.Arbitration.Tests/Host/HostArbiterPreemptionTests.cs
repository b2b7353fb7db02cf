using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterPreemptionTests : HostArbiterTestBase
{
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
}
