using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

[Collection(HardwareCollection.Name)]
public sealed class LinuxHostHitTests
{
    private const int Writes = 20;

    [HitsFact]
    public async Task Every_write_by_the_watched_thread_arrives_as_a_hit_of_its_reservation_and_counts_in_its_view()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        ReservationView watch = await rig.WatchAsync(0);

        await rig.WriteAsync(0, Writes);
        List<HitRecord> seen = await Feeds.TakeAsync(hits, Writes);

        Assert.Equal(Writes, seen.Count);
        Assert.All(seen, hit =>
        {
            Assert.Equal(rig.Host.Name, hit.Host);
            Assert.Equal(watch.Id, hit.ReservationId);
            Assert.Equal(rig.Thread.Tid, hit.Tid);
            Assert.Equal(rig.Block.At(0), hit.Address);
            Assert.Equal(Arbitration.Access.Write, hit.Access);
            Assert.Equal(0, hit.Slot);
            Assert.Equal(0UL, hit.Dr6);
            Assert.True(ProcessMaps.IsExecutable(hit.Ip), $"ip 0x{hit.Ip:x} is not code of this process");
        });
        Assert.Equal(seen.Select(h => h.Time).Order(), seen.Select(h => h.Time));
        ReservationView listed = Assert.Single(await rig.Host.ListReservationsAsync(rig.Session));
        Assert.Equal((ulong)Writes, listed.Hits);
    }

    [HitsFact]
    public async Task With_a_wakeup_every_sixteen_hits_every_write_still_arrives_the_last_ones_at_the_readers_poll()
    {
        // 40 is not a multiple of 16: the kernel never wakes the reader for the last 8, so they come at its poll timeout.
        await using HostRig rig = await HostRig.StartAsync(options: LinuxHostOptions.ForHitWakeup(16));
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        ReservationView watch = await rig.WatchAsync(0);

        await rig.WriteAsync(0, 40);
        List<HitRecord> seen = await Feeds.TakeAsync(hits, 40);

        Assert.Equal(40, seen.Count);
        Assert.All(seen, hit => Assert.Equal((watch.Id, rig.Thread.Tid), (hit.ReservationId, hit.Tid)));
        Assert.All(seen, hit => Assert.Equal([7, 0, 0, 0, 0, 0, 0, 0], hit.ValueAfter.ToArray()));
        Assert.Equal(40UL, Assert.Single(await rig.Host.ListReservationsAsync(rig.Session)).Hits);
    }

    [HitsFact]
    public async Task Breakpoints_of_a_task_released_and_reserved_while_it_hits_leave_the_others_every_hit()
    {
        // A's and B's hits share the task's ring; B leaves and C comes and goes while the ring fills and drains.
        const int rounds = 3000;
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 4 * rounds);
        ReservationView a = await rig.WatchAsync(0);
        ReservationView b = await rig.WatchAsync(64);

        Task writing = rig.Thread.RepeatAsync(rounds, () =>
        {
            Access.Write64(rig.Block.At(0), 1);
            Access.Write64(rig.Block.At(64), 2);
        });
        await rig.Host.ReleaseAsync(rig.Session, b.Id);
        for (int i = 0; i < 5; i++)
        {
            ReservationView c = await rig.WatchAsync(128);
            await rig.Host.ReleaseAsync(rig.Session, c.Id);
        }

        await writing;
        List<HitRecord> seen = await Feeds.BufferedAsync(hits, TimeSpan.FromSeconds(1));

        ReservationView listed = Assert.Single(await rig.Host.ListReservationsAsync(rig.Session));
        Assert.Equal(a.Id, listed.Id);
        Assert.Equal((ulong)rounds, listed.Hits);
        Assert.Equal(default, listed.Losses);
        Assert.Equal(rounds, seen.Count(h => h.ReservationId == a.Id && h.Address == rig.Block.At(0)));
        Assert.All(seen, h => Assert.Contains(h.ReservationId, new[] { a.Id, b.Id }));
        Assert.Equal(1, rig.Host.TaskRingCount);
    }

    [HitsFact]
    public async Task A_write_hit_carries_the_watched_bytes_read_after_it()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 16);
        await rig.WatchAsync(0, length: 4);

        await rig.WriteAsync(0, 1);
        HitRecord hit = Assert.Single(await Feeds.TakeAsync(hits, 1));

        // HostRig writes the 8-byte value 7; the watch covers its low 4 bytes.
        Assert.Equal([7, 0, 0, 0], hit.ValueAfter.ToArray());
    }

    [HitsFact]
    public async Task Modify_re_points_the_kernel_event_so_only_writes_to_the_new_address_hit()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        ReservationView watch = await rig.WatchAsync(0);
        var moved = new Arbitration.BreakpointSpec(rig.Block.At(64), 8, Arbitration.Access.Write);

        ReservationView modified = await rig.Host.ModifyAsync(rig.Session, watch.Id, moved);
        await rig.WriteAsync(0, 5);
        await rig.WriteAsync(64, 3);
        List<HitRecord> seen = await Feeds.TakeAsync(hits, 3);

        Assert.Equal(moved, modified.Spec);
        Assert.Equal(3, seen.Count);
        Assert.All(seen, hit => Assert.Equal(rig.Block.At(64), hit.Address));
        Assert.Equal(3UL, Assert.Single(await rig.Host.ListReservationsAsync(rig.Session)).Hits);
    }

    [HitsFact]
    public async Task A_modify_the_kernel_refuses_leaves_the_reservation_and_its_event_on_the_old_address()
    {
        await using HostRig rig = await HostRig.StartAsync();
        ReservationView watch = await rig.WatchAsync(0);
        var kernel = new Arbitration.BreakpointSpec(0xffff_ffff_8100_0000, 8, Arbitration.Access.Write);

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.Host.ModifyAsync(rig.Session, watch.Id, kernel));
        await rig.WriteAsync(0, 2);

        Assert.Equal(HostError.InvalidArgument, refused.Error);
        ReservationView listed = Assert.Single(await rig.Host.ListReservationsAsync(rig.Session));
        Assert.Equal(watch.Spec, listed.Spec);
        Assert.Equal(2UL, listed.Hits);
    }

    [HitsFact]
    public async Task A_modify_the_accounting_accepts_but_the_kernel_refuses_puts_the_accounting_back_on_the_old_spec()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<ReservationEvent> events = rig.Host.WatchReservations(rig.Session, 64);
        ReservationView watch = await rig.WatchAsync(0);
        // In the non-canonical hole: privileged kernel range to the accounting, but not a kernel address the event was opened
        // for (exclude_kernel = 1), so the kernel refuses the re-aim after the accounting took it.
        var hole = new Arbitration.BreakpointSpec(0x0000_8000_0000_0000, 8, Arbitration.Access.Write);

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.Host.ModifyAsync(rig.Session, watch.Id, hole));
        await rig.WriteAsync(0, 2);

        Assert.Equal(HostError.InvalidArgument, refused.Error);
        Assert.NotNull(await Feeds.FirstAsync(events, e => e.Reason == "modified" && e.Reservation.Spec == hole));
        ReservationView listed = Assert.Single(await rig.Host.ListReservationsAsync(rig.Session));
        Assert.Equal(watch.Spec, listed.Spec);
        Assert.Equal(2UL, listed.Hits);
    }

    [HitsFact(cpuWide: true)]
    public async Task A_cpu_bound_reservation_sees_writes_of_a_thread_pinned_to_its_cpu_and_not_of_one_pinned_elsewhere()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 1024);
        await rig.Thread.RunAsync(() => Affinity.PinCurrentThread(0));
        using var elsewhere = new WatchedThread();
        bool twoCpus = rig.Host.Description.Profile.CpuCount > 1;
        if (twoCpus)
        {
            await elsewhere.RunAsync(() => Affinity.PinCurrentThread(1));
        }

        ReservationView watch = await rig.WatchAsync(0, scope: Arbitration.Scope.OnCpu(0));
        if (twoCpus)
        {
            await elsewhere.RepeatAsync(4, () => Access.Write64(rig.Block.At(0), 1));
        }

        await rig.WriteAsync(0, 6);
        List<HitRecord> seen = await Feeds.TakeAsync(hits, 6);

        Assert.Equal(6, seen.Count);
        Assert.All(seen, hit =>
        {
            Assert.Equal(watch.Id, hit.ReservationId);
            Assert.Equal(0, hit.Cpu);
            Assert.Equal(rig.Thread.Tid, hit.Tid);
        });
        Assert.Equal(6UL, Assert.Single(await rig.Host.ListReservationsAsync(rig.Session)).Hits);
    }
}
