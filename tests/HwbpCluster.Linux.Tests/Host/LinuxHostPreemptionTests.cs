using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

[Collection(HardwareCollection.Name)]
public sealed class LinuxHostPreemptionTests
{
    private const string Kgdb = "k1";

    [HitsFact(cpuWide: true)]
    public async Task Kgdb_takes_a_perf_reservations_kernel_slot_while_it_holds_the_room_and_gives_it_back_on_release()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await rig.Host.OpenSessionAsync(new SessionInfo(Kgdb, Arbitration.ClientKind.Kgdb, "kgdb", Privileged: true));
        await using EventSubscription<HitRecord> kgdbHits = rig.Host.WatchHits(Kgdb, 1024);
        int cpus = rig.Host.Description.Profile.CpuCount;
        await rig.Thread.RunAsync(() => Affinity.PinCurrentThread(0));
        var perf = new List<ReservationView>();
        for (int i = 0; i < 4; i++)
        {
            perf.Add(await rig.WatchAsync(8 * i, scope: Arbitration.Scope.OnCpu(0)));
        }

        ReservationView wide = await rig.Host.ReserveAsync(Kgdb, rig.Command(64, 8, Arbitration.Scope.AllCpus));

        IReadOnlyList<ReservationView> during = await rig.Host.ListReservationsAsync(rig.Session);
        int eventsDuring = rig.Host.OpenEventCount;
        await rig.WriteAsync(64, 2);
        List<HitRecord> seen = await Feeds.TakeAsync(kgdbHits, 2);

        ReservationView victim = Assert.Single(during, v => v.State == ReservationStatus.Suspended);
        Assert.Equal(3 + cpus, eventsDuring);
        Assert.Equal(2, seen.Count);
        Assert.All(seen, hit => Assert.Equal(wide.Id, hit.ReservationId));

        await rig.Host.ReleaseAsync(Kgdb, wide.Id);
        bool reopened = await Eventually.HoldsAsync(() => rig.Host.OpenEventCount == 4);
        Assert.True(reopened, $"the victim's kernel event was not reopened; host log: {rig.Logs}");
        await rig.WriteAsync(8 * perf.FindIndex(v => v.Id == victim.Id), 3);

        IReadOnlyList<ReservationView> after = await rig.Host.ListReservationsAsync(rig.Session);
        Assert.All(after, v => Assert.Equal(ReservationStatus.Active, v.State));
        Assert.Equal(3UL, after.Single(v => v.Id == victim.Id).Hits);
    }

    [MultiCpuFact]
    public async Task A_kgdb_reservation_the_kernel_refuses_gives_the_suspended_perf_reservations_their_slots_back()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await rig.Host.OpenSessionAsync(new SessionInfo(Kgdb, Arbitration.ClientKind.Kgdb, "kgdb", Privileged: true));
        int last = rig.Host.Description.Profile.CpuCount - 1;
        for (int i = 0; i < 4; i++)
        {
            await rig.WatchAsync(8 * i, scope: Arbitration.Scope.OnCpu(0));
        }

        using var outside = new DisposableList(Enumerable.Range(0, 4).Select(i => PerfBreakpoint.Open(
            BreakpointTarget.OnCpu(last), new BreakpointSpec(rig.Block.At(128 + (8 * i)), 8, BreakpointAccess.Write),
            new PerfBreakpointOptions { CountOnly = true })));
        int fds = PerfFds.Count();

        HostException refused = await Assert.ThrowsAsync<HostException>(() =>
            rig.Host.ReserveAsync(Kgdb, rig.Command(64, 8, Arbitration.Scope.AllCpus)));

        Assert.Equal(HostError.BackendRefused, refused.Error);
        Assert.True(await Eventually.HoldsAsync(() => rig.Host.OpenEventCount == 4), "the victim's kernel event was not reopened");
        Assert.Equal(fds, PerfFds.Count());
        Assert.All(await rig.Host.ListReservationsAsync(null), v => Assert.Equal(ReservationStatus.Active, v.State));
    }
}
