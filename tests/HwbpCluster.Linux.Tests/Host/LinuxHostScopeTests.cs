using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

[Collection(HardwareCollection.Name)]
public sealed class LinuxHostScopeTests
{
    private const string ReadOnlyData = "__start_rodata";
    private static readonly PerfBreakpointOptions CountOnly = new() { CountOnly = true };

    [HitsFact(cpuWide: true)]
    public async Task A_wide_reservation_opens_one_event_per_cpu_and_reports_the_cpu_index_as_the_slot()
    {
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Kgdb);
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        int cpus = rig.Host.Description.Profile.CpuCount;
        int last = cpus - 1;
        await rig.Thread.RunAsync(() => Affinity.PinCurrentThread(last));

        ReservationView wide = await rig.WatchAsync(0, scope: Arbitration.Scope.AllCpus);
        await rig.WriteAsync(0, 3);
        List<HitRecord> seen = await Feeds.TakeAsync(hits, 3);

        Assert.Equal(cpus, rig.Host.OpenEventCount);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, hit =>
        {
            Assert.Equal(wide.Id, hit.ReservationId);
            Assert.Equal(last, hit.Cpu);
            Assert.Equal(last, hit.Slot);
        });
    }

    [MultiCpuFact]
    public async Task A_wide_reservation_is_all_or_nothing_when_an_outside_user_fills_one_cpu()
    {
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Kgdb);
        int last = rig.Host.Description.Profile.CpuCount - 1;
        using var outside = new DisposableList(Enumerable.Range(0, 4).Select(i =>
            PerfBreakpoint.Open(
                BreakpointTarget.OnCpu(last), new BreakpointSpec(rig.Block.At(128 + (8 * i)), 8, BreakpointAccess.Write), CountOnly)));
        int fds = PerfFds.Count();

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(0, scope: Arbitration.Scope.AllCpus));

        Assert.Equal(HostError.BackendRefused, refused.Error);
        Assert.Contains($"cpu {last}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(fds, PerfFds.Count());
        Assert.Equal(0, rig.Host.OpenEventCount);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
    }

    [KernelSymbolFact(ReadOnlyData, needsHits: true)]
    public async Task A_kgdb_watch_on_a_kernel_address_is_installed_with_the_kernel_included_on_every_cpu()
    {
        await using HostRig rig = await HostRig.StartAsync(Arbitration.ClientKind.Kgdb);
        var spec = new Arbitration.BreakpointSpec(KernelSymbols.Find(ReadOnlyData), 8, Arbitration.Access.Write);

        ReservationView wide = await rig.Host.ReserveAsync(rig.Session, rig.Command(0, 8, Arbitration.Scope.AllCpus) with { Spec = spec });
        int installed = rig.Host.OpenEventCount;
        await rig.Host.ReleaseAsync(rig.Session, wide.Id);

        // With exclude_kernel = 1 the kernel refuses a kernel address (EINVAL): the install itself proves the kernel is included.
        Assert.Equal(rig.Host.Description.Profile.CpuCount, installed);
        Assert.Equal(0, rig.Host.OpenEventCount);
    }

    [HardwareFact(cpuWide: true)]
    public async Task The_state_shows_a_cpu_bound_reservation_armed_on_its_cpu()
    {
        await using HostRig rig = await HostRig.StartAsync();

        ReservationView bound = await rig.WatchAsync(0, scope: Arbitration.Scope.OnCpu(0));
        HostSnapshot state = await rig.Host.GetStateAsync();

        SlotSnapshot slot = Assert.Single(state.Cpus[0].Slots, s => s.ReservationId == bound.Id);
        Assert.Equal(bound.Spec, slot.Spec);
        Assert.Equal(1, state.Cpus[0].CpuPinned);
    }

    [HitsFact]
    public async Task A_queued_reservation_is_installed_in_the_kernel_when_a_release_makes_room()
    {
        await using HostRig rig = await HostRig.StartAsync();
        var held = new List<ReservationView>();
        for (int i = 0; i < 4; i++)
        {
            held.Add(await rig.WatchAsync(8 * i));
        }

        Task<ReservationView> waiting = rig.Host.ReserveAsync(rig.Session,
            rig.Command(32, 8, Arbitration.Scope.ForTask(rig.Thread.Tid)) with { Wait = TimeSpan.FromSeconds(30) });
        Assert.False(waiting.IsCompleted);
        await rig.Host.ReleaseAsync(rig.Session, held[0].Id);
        ReservationView served = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        await rig.WriteAsync(32, 2);

        Assert.Equal(4, rig.Host.OpenEventCount);
        Assert.Equal(2UL, (await rig.Host.ListReservationsAsync(rig.Session)).Single(v => v.Id == served.Id).Hits);
    }
}
