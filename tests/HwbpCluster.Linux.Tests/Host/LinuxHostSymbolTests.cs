using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;
using HwbpCluster.Linux.Tests.Symbols;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>Reservations that name a symbol: resolved in the task's process before the accounting and the kernel see them.</summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxHostSymbolTests(SymbolTargets targets) : IClassFixture<SymbolTargets>
{
    [GccFact(hardware: true)]
    public async Task A_reservation_naming_a_symbol_is_installed_at_its_live_address_with_its_size()
    {
        await using HostRig rig = await HostRig.StartAsync();
        using var program = RunningProgram.Start(targets.Pie);

        ReservationView view = await rig.Host.ReserveAsync(rig.Session, Command(program, "hidden"));

        Assert.Equal((program.Addresses["hidden"], 4), (view.Spec.Address, view.Spec.Length));
        Assert.Equal(1, rig.Host.OpenEventCount);
    }

    [GccFact(hardware: true)]
    public async Task A_symbol_the_process_does_not_define_fails_its_precondition_and_admits_nothing()
    {
        await using HostRig rig = await HostRig.StartAsync();
        using var program = RunningProgram.Start(targets.Stripped);

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.Host.ReserveAsync(rig.Session, Command(program, "counter")));

        Assert.Equal(HostError.FailedPrecondition, refused.Error);
        Assert.Contains("stripped", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
        Assert.Equal(0, rig.Host.OpenEventCount);
    }

    [GccFact(hardware: true)]
    public async Task A_symbol_no_slot_covers_is_an_invalid_argument()
    {
        await using HostRig rig = await HostRig.StartAsync();
        using var program = RunningProgram.Start(targets.Pie);

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.Host.ReserveAsync(rig.Session, Command(program, "buffer")));

        Assert.Equal(HostError.InvalidArgument, refused.Error);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
    }

    private static ReserveCommand Command(RunningProgram program, string symbol) =>
        new(Arbitration.Scope.ForTask(program.Pid), new Arbitration.BreakpointSpec(0, 0, Arbitration.Access.Write), Pinned: true,
            Inherit: false, "by symbol", TimeSpan.Zero) { Symbol = symbol };
}
