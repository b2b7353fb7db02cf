using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal;
using HwbpCluster.Hosts.Tests.Backends;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Failures;

/// <summary>An actor failure takes the whole host out: every caller is answered Unavailable and the host is never restarted empty.</summary>
public sealed class TakenOutHostTests : Akka.TestKit.Xunit2.TestKit
{
    private const ulong Broken = 0xBAD0;

    [Fact]
    public async Task A_failing_cpu_actor_stops_the_host_subtree_and_every_caller_gets_unavailable()
    {
        var host = (HostFacade)SimulatedHost.Start(Sys, new SimulatedHostOptions("h1", ArchProfile.X86_64(2))
        {
            Backend = new ThrowingBackend(ArchProfile.X86_64(2), Broken),
        });
        Watch(host.Subtree);
        await host.OpenSessionAsync(new SessionInfo("perf", ClientKind.Perf, "perf", Privileged: true));
        var kept = await host.ReserveAsync("perf", Command(Scope.OnCpu(1), 0x1000));

        // The CPU arms after the commit, so the request itself may be answered before its CPU actor fails.
        try
        {
            await host.ReserveAsync("perf", Command(Scope.OnCpu(0), Broken));
        }
        catch (HostException failing)
        {
            Assert.Equal(HostError.Unavailable, failing.Error);
        }

        ExpectTerminated(host.Subtree);
        Assert.True(host.Failed.IsCancellationRequested);

        // Nothing comes back empty behind the clients' backs: the host answers nothing any more, not NOT_FOUND or fresh ids.
        var later = await Assert.ThrowsAsync<HostException>(() => host.ReleaseAsync("perf", kept.Id));
        Assert.Equal(HostError.Unavailable, later.Error);
        Assert.Contains("taken out", later.Message, StringComparison.Ordinal);
        await host.DisposeAsync();
    }

    [Fact]
    public void On_the_seeded_system_a_caller_waiting_when_the_host_fails_is_answered_unavailable()
    {
        using var t = new TestHost(ArchProfile.X86_64(1), backend: new ThrowingBackend(ArchProfile.X86_64(1), Broken));
        t.Open("perf", ClientKind.Perf);
        for (var i = 0; i < 4; i++)
        {
            t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var queued = t.Host.ReserveAsync("perf", new ReserveCommand(Scope.OnCpu(0), Specs.Write(0x2000), true, false, "", TimeSpan.FromSeconds(5)));
        _ = t.Host.ModifyAsync("perf", t.List()[0].Id, Specs.Write(Broken));
        t.System.RunUntilIdle();

        Assert.Equal(HostError.Unavailable, t.Fails(queued).Error);
        Assert.Single(t.Failures);
        Assert.Equal(HostError.Unavailable, t.Fails(t.Host.ListReservationsAsync(null)).Error);
    }

    private static ReserveCommand Command(Scope scope, ulong address) =>
        new(scope, Specs.Write(address), true, false, string.Empty, TimeSpan.Zero);
}
