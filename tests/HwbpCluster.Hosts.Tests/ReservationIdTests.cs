using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests;

public sealed class ReservationIdTests
{
    [Fact]
    public async Task A_host_numbers_its_reservations_from_its_first_reservation_id()
    {
        await using var host = SimulatedHost.Start(new SimulatedHostOptions("h1", ArchProfile.X86_64(2)) { FirstReservationId = 5_000_000_001 });
        await host.OpenSessionAsync(new SessionInfo("s", ClientKind.Perf, "t", Privileged: true));
        var command = new ReserveCommand(Scope.OnCpu(0), new BreakpointSpec(0x1000, 8, Access.Write), true, false, "", TimeSpan.Zero);

        var first = await host.ReserveAsync("s", command);
        var second = await host.ReserveAsync("s", command with { Scope = Scope.OnCpu(1) });

        Assert.Equal(5_000_000_001, first.Id);
        Assert.Equal(5_000_000_002, second.Id);
    }

    [Fact]
    public void A_first_reservation_id_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedHostOptions("h1", ArchProfile.X86_64(2)) { FirstReservationId = 0 }.Validate());
}
