using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>GetHost on Linux says whose view each figure is, and shows slots held outside HwbpCluster where the kernel revealed them.</summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxHostViewTests
{
    private static readonly PerfBreakpointOptions CountOnly = new() { CountOnly = true, StartEnabled = false };

    [HardwareFact]
    public async Task The_host_state_says_it_is_the_accounting_view_and_that_dr7_cannot_be_read()
    {
        await using HostRig rig = await HostRig.StartAsync();

        HostSnapshot state = await rig.Host.GetStateAsync();

        Assert.Equal(SnapshotSource.Accounting, state.Source);
        Assert.Contains("cannot read DR7", state.SourceNote, StringComparison.Ordinal);
        Assert.All(state.Cpus, cpu => Assert.Equal(0, cpu.ExternallyOccupied));
    }

    [MultiCpuFact]
    public async Task Slots_an_outside_user_holds_show_as_externally_occupied_once_the_kernel_refuses_and_clear_once_it_grants()
    {
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Perf);
        int last = rig.Host.Description.Profile.CpuCount - 1;
        Arbitration.Scope onLast = Arbitration.Scope.OnCpu(last);
        var outside = new DisposableList(Enumerable.Range(0, 3).Select(i => PerfBreakpoint.Open(
            BreakpointTarget.OnCpu(last), new BreakpointSpec(rig.Block.At(128 + (8 * i)), 8, BreakpointAccess.Write), CountOnly)));

        // Ours takes one slot, the outside three: the next is refused although the accounting has three free.
        await rig.WatchAsync(0, scope: onLast);
        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(8, scope: onLast));
        HostSnapshot blocked = await rig.Host.GetStateAsync();
        outside.Dispose();
        await rig.WatchAsync(16, scope: onLast);
        HostSnapshot freed = await rig.Host.GetStateAsync();

        Assert.Equal(HostError.BackendRefused, refused.Error);
        Assert.Equal(3, blocked.Cpus[last].ExternallyOccupied);
        Assert.All(blocked.Cpus.Take(last), cpu => Assert.Equal(0, cpu.ExternallyOccupied));
        Assert.Equal(0, freed.Cpus[last].ExternallyOccupied);
    }
}
