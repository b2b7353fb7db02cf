using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

[Collection(HardwareCollection.Name)]
public sealed class LinuxHostSlotTests
{
    private static readonly PerfBreakpointOptions CountOnly = new() { CountOnly = true };

    [HardwareFact]
    public async Task The_accounting_refuses_a_fifth_task_breakpoint_as_no_room_without_asking_the_kernel()
    {
        await using HostRig rig = await HostRig.StartAsync();
        for (int i = 0; i < 4; i++)
        {
            await rig.WatchAsync(8 * i);
        }

        int fds = PerfFds.Count();
        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(32));

        Assert.Equal(HostError.NoRoom, refused.Error);
        Assert.Equal(fds, PerfFds.Count());
        Assert.Equal(4, rig.Host.OpenEventCount);
        Assert.Equal(4, (await rig.Host.ListReservationsAsync(rig.Session)).Count);
    }

    [HitsFact]
    public async Task Releasing_one_of_four_stops_its_hits_and_frees_a_kernel_slot_for_a_fifth()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        var held = new List<ReservationView>();
        for (int i = 0; i < 4; i++)
        {
            held.Add(await rig.WatchAsync(8 * i));
        }

        await rig.Host.ReleaseAsync(rig.Session, held[1].Id);
        await rig.WriteAsync(8, 5);
        ReservationView fifth = await rig.WatchAsync(32);
        await rig.WriteAsync(32, 1);
        HitRecord? marker = await Feeds.FirstAsync(hits, h => h.ReservationId == fifth.Id);
        List<HitRecord> late = await Feeds.BufferedAsync(hits, TimeSpan.FromMilliseconds(200));

        Assert.NotNull(marker);
        Assert.DoesNotContain(late, h => h.ReservationId == held[1].Id);
        Assert.Equal(4, rig.Host.OpenEventCount);
        Assert.DoesNotContain(await rig.Host.ListReservationsAsync(rig.Session), v => v.Id == held[1].Id);
    }

    [HardwareFact]
    public async Task Four_reservations_released_are_at_once_reservable_again_on_the_same_task_round_after_round()
    {
        await using HostRig rig = await HostRig.StartAsync();

        // ReleaseAsync returns once the kernel has freed the slots: a slot still held (by the event's file, a ring mapping or
        // the hit reader) would make the kernel refuse a new open, which the host reports as backend refused.
        for (int round = 0; round < 20; round++)
        {
            var held = new List<ReservationView>();
            for (int i = 0; i < 4; i++)
            {
                held.Add(await rig.WatchAsync(8 * i));
            }

            foreach (ReservationView view in held)
            {
                await rig.Host.ReleaseAsync(rig.Session, view.Id);
            }
        }

        Assert.Equal(0, rig.Host.OpenEventCount);
        Assert.Empty(await rig.Host.ListReservationsAsync(rig.Session));
    }

    [HardwareFact]
    public async Task Slots_held_outside_HwbpCluster_make_the_host_answer_backend_refused_and_hold_nothing()
    {
        await using HostRig rig = await HostRig.StartAsync();
        using var outside = new DisposableList(Enumerable.Range(0, 4).Select(i =>
            PerfBreakpoint.Open(rig.Thread.Target, new BreakpointSpec(rig.Block.At(128 + (8 * i)), 8, BreakpointAccess.Write), CountOnly)));
        int fds = PerfFds.Count();

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(0));

        Assert.Equal(HostError.BackendRefused, refused.Error);
        Assert.Contains("held by another user of the host", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
        Assert.Equal(fds, PerfFds.Count());
        Assert.Equal(0, rig.Host.OpenEventCount);
    }

    [HitsFact]
    public async Task After_a_backend_refusal_the_accounting_has_the_room_back_once_the_outside_holder_leaves()
    {
        await using HostRig rig = await HostRig.StartAsync();
        var outside = PerfBreakpoint.Open(rig.Thread.Target, new BreakpointSpec(rig.Block.At(128), 8, BreakpointAccess.Write), CountOnly);
        for (int i = 0; i < 3; i++)
        {
            await rig.WatchAsync(8 * i);
        }

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(24));
        outside.Dispose();
        ReservationView fourth = await rig.WatchAsync(24);
        await rig.WriteAsync(24, 1);

        Assert.Equal(HostError.BackendRefused, refused.Error);
        IReadOnlyList<ReservationView> listed = await rig.Host.ListReservationsAsync(rig.Session);
        Assert.Equal(4, listed.Count);
        Assert.Equal(1UL, listed.Single(v => v.Id == fourth.Id).Hits);
        Assert.Equal(4, rig.Host.OpenEventCount);
    }

    [PerfFact]
    public async Task An_outside_perf_stat_holding_the_slots_makes_the_host_answer_backend_refused()
    {
        await using HostRig rig = await HostRig.StartAsync();
        int fds = PerfFds.Count();
        ulong[] cells = [rig.Block.At(128), rig.Block.At(136), rig.Block.At(144), rig.Block.At(152)];

        using (PerfTool perf = await PerfTool.StatAsync(rig.Thread.Tid, cells, seconds: 2))
        {
            HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.WatchAsync(0));

            Assert.Equal(HostError.BackendRefused, refused.Error);
            Assert.Contains("gdb, perf", refused.Message, StringComparison.Ordinal);
            Assert.Empty(await rig.Host.ListReservationsAsync(null));
            Assert.Equal(fds, PerfFds.Count());
            await perf.CountsAsync();
        }

        ReservationView granted = await rig.WatchAsync(0);
        Assert.Equal(rig.Block.At(0), granted.Spec.Address);
    }
}
