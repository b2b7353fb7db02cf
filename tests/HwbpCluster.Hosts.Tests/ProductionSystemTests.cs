using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

public sealed class ProductionSystemTests
{
    [Fact]
    public async Task Host_started_on_its_own_system_serves_concurrent_sessions()
    {
        await using var host = SimulatedHost.Start(new SimulatedHostOptions("h1", ArchProfile.X86_64(16)));
        var sim = host.Simulator!;
        await host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false));
        await host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: true));
        for (var tid = 1; tid <= 8; tid++)
        {
            await sim.SpawnTaskAsync(tid, $"t{tid}");
        }

        var reservations = await Task.WhenAll(Enumerable.Range(1, 8).Select(tid =>
            host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(tid), Specs.Write(0x1000 + (ulong)(tid * 8)), true, false, "", TimeSpan.Zero)))
            .Concat(Enumerable.Range(0, 16).Select(cpu =>
                host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(cpu), Specs.Write(0x9000), true, false, "", TimeSpan.Zero)))));

        Assert.Equal(24, reservations.Length);
        var state = await host.GetStateAsync();
        Assert.All(state.Cpus, c => Assert.Equal((1, 1), (c.CpuPinned, c.MaxTaskPinned)));
        Assert.Equal(24, await host.CloseSessionAsync("gdb", "session-closed") + await host.CloseSessionAsync("perf", "session-closed"));
        Assert.Empty(await host.ListReservationsAsync(null));
    }
}
