using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterQueueTests : HostArbiterTestBase
{
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
}
