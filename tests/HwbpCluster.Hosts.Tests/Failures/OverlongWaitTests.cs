using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Failures;

/// <summary>A wait of 4294967295 ms (one over .NET's longest timer) once made the host actor throw and restart empty.</summary>
public sealed class OverlongWaitTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(1));

    [Fact]
    public void A_wait_beyond_the_hosts_maximum_is_invalid_and_forgets_nothing()
    {
        _t.Open("gdb", ClientKind.Ptrace);
        _t.Open("perf", ClientKind.Perf);
        _t.Spawn(1);
        var held = Enumerable.Range(0, 4).Select(i => _t.Reserve("gdb", Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)))).ToArray();

        var overlong = _t.Host.ReserveAsync("perf", new ReserveCommand(
            Scope.OnCpu(0), Specs.Write(0x9000), true, false, "", TimeSpan.FromMilliseconds(uint.MaxValue)));

        var error = _t.Fails(overlong);
        Assert.Equal(HostError.InvalidArgument, error.Error);
        Assert.Contains("wait", error.Message, StringComparison.Ordinal);
        Assert.Equal(held.Select(v => v.Id), _t.List().Select(v => v.Id));
    }

    [Fact]
    public async Task On_the_production_system_an_overlong_wait_is_refused_and_other_clients_keep_their_reservations()
    {
        await using var host = SimulatedHost.Start(new SimulatedHostOptions("h1", ArchProfile.X86_64(1)));
        await host.OpenSessionAsync(new SessionInfo("gdb", ClientKind.Ptrace, "gdb", Privileged: true));
        await host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: false));
        await host.Simulator!.SpawnTaskAsync(1, "t1");
        for (var i = 0; i < 4; i++)
        {
            await host.ReserveAsync("gdb", new ReserveCommand(Scope.ForTask(1), Specs.Write(0x1000 + (ulong)(8 * i)), true, false, "", TimeSpan.Zero));
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var error = await Assert.ThrowsAsync<HostException>(() => host.ReserveAsync("perf", new ReserveCommand(
            Scope.ForTask(1), Specs.Write(0x9000), true, false, "", TimeSpan.FromMilliseconds(uint.MaxValue)), deadline.Token));

        Assert.Equal(HostError.InvalidArgument, error.Error);
        Assert.Equal(4, (await host.ListReservationsAsync("gdb", deadline.Token)).Count);
    }
}
