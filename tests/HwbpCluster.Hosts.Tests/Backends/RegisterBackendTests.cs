using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Backends;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Backends;

public sealed class RegisterBackendTests
{
    [Fact]
    public void Simulated_backend_keeps_the_debug_address_and_dr7_images_linux_would_write()
    {
        var backend = new SimulatedRegisterBackend(ArchProfile.X86_64(1));

        backend.TryArm(0, 3, 7, new BreakpointSpec(0x7000, 8, Access.ReadWrite), out _);
        backend.TryArm(0, 2, 8, new BreakpointSpec(0x6000, 2, Access.Write), out _);

        Assert.Equal(0xB0000280UL | 0x05000220UL, backend.Dr7(0));
        Assert.Equal(0x7000UL, backend.DebugAddress(0, 3));
        backend.Disarm(0, 3);
        backend.Disarm(0, 2);
        Assert.Equal((0UL, 0UL), (backend.Dr7(0), backend.DebugAddress(0, 3)));
    }

    [Fact]
    public async Task A_slot_the_backend_cannot_arm_is_reported_as_an_event_not_a_crash()
    {
        var t = new TestHost(ArchProfile.X86_64(1), backend: new RefusingBackend(ArchProfile.X86_64(1), 0x6000));
        t.Open("perf", ClientKind.Perf);
        var feed = t.Host.WatchReservations("perf", 8);

        var view = t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x6000));

        // The CPU arms at its commit, which may come after the reserve is answered (the summary and the CPU both hold).
        t.System.RunUntilIdle();

        var reasons = await t.CloseAndReadAsync("perf", feed);
        Assert.Contains(reasons, r => r.StartsWith($"r{view.Id} backend-refused on cpu 0: ENOSPC", StringComparison.Ordinal));
        Assert.Empty(t.Failures);
    }
}
