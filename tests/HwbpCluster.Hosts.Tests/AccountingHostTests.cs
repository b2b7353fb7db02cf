using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

/// <summary>The accounting host a real backend decorates: no simulator, and a task port for the machine's threads.</summary>
public sealed class AccountingHostTests
{
    [Fact]
    public async Task Threads_registered_through_the_port_take_reservations_that_their_removal_releases()
    {
        var accounting = AccountingHost.Start(new SimulatedHostOptions("real", ArchProfile.X86_64(2)));
        await using var host = accounting.Host;
        Assert.Null(host.Simulator);
        await host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: false));

        await accounting.Tasks.AddTaskAsync(4242, "worker");
        await accounting.Tasks.AddTaskAsync(4242, "worker");
        await host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(4242), Specs.Write(0x1000), true, false, "", TimeSpan.Zero));
        await accounting.Tasks.RemoveTaskAsync(4242);

        Assert.Empty(await host.ListReservationsAsync(null));
        var gone = await Assert.ThrowsAsync<HostException>(() => accounting.Tasks.RemoveTaskAsync(4242));
        Assert.Equal(HostError.NotFound, gone.Error);
    }
}
