using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

[Collection(HardwareCollection.Name)]
public sealed class LinuxHostLifecycleTests
{
    [HardwareFact]
    public async Task Closing_the_session_closes_every_kernel_event_and_ends_its_hit_feed()
    {
        int baseline = PerfFds.Count();
        await using HostRig rig = await HostRig.StartAsync();
        EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 16);
        for (int i = 0; i < 3; i++)
        {
            await rig.WatchAsync(8 * i);
        }

        int released = await rig.Host.CloseSessionAsync(rig.Session, "session-closed");

        Assert.Equal(3, released);

        // The watched thread's ring stays for the next breakpoint (a software event, no slot).
        Assert.Equal(1, rig.Host.TaskRingCount);
        Assert.Equal(baseline + 1, PerfFds.Count());
        Assert.Equal(0, rig.Host.OpenEventCount);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
        Assert.True(await Feeds.EndsAsync(hits), "the session's hit feed did not end");
    }

    [HardwareFact]
    public async Task Disposing_the_host_closes_every_kernel_event()
    {
        int baseline = PerfFds.Count();
        HostRig rig = await HostRig.StartAsync();
        await rig.WatchAsync(0);
        await rig.WatchAsync(8);

        await rig.DisposeAsync();

        Assert.Equal(baseline, PerfFds.Count());
    }

    [HardwareFact]
    public async Task A_task_that_exits_releases_its_reservations_as_task_exited()
    {
        await using HostRig rig = await HostRig.StartAsync();
        await using EventSubscription<ReservationEvent> events = rig.Host.WatchReservations(rig.Session, 64);
        var leaving = new WatchedThread();
        ReservationView watch = await rig.Host.ReserveAsync(rig.Session,
            rig.Command(0, 8, Arbitration.Scope.ForTask(leaving.Tid)));

        leaving.Dispose();
        ReservationEvent? exited = await Feeds.FirstAsync(events, e => e.Reason == "task-exited");

        Assert.NotNull(exited);
        Assert.Equal(watch.Id, exited.Reservation.Id);
        Assert.Equal(ReservationStatus.Released, exited.Reservation.State);
        Assert.Empty(await rig.Host.ListReservationsAsync(rig.Session));
        Assert.Equal(0, rig.Host.OpenEventCount);

        // Its ring is not kept for a tid that a new thread may reuse.
        Assert.Equal(0, rig.Host.TaskRingCount);
    }

    [HardwareFact]
    public async Task A_tasks_pinned_breakpoints_share_one_ring_which_is_kept_for_the_linger_after_the_last_is_released()
    {
        var linger = TimeSpan.FromSeconds(2);
        await using HostRig rig = await HostRig.StartAsync(options: LinuxHostOptions.Default with { TaskRingLinger = linger });
        int fds = PerfFds.Count();
        ReservationView a = await rig.WatchAsync(0);
        ReservationView b = await rig.WatchAsync(8);

        Assert.Equal(1, rig.Host.TaskRingCount);
        Assert.Equal(fds + 3, PerfFds.Count());
        await rig.Host.ReleaseAsync(rig.Session, a.Id);
        await rig.Host.ReleaseAsync(rig.Session, b.Id);
        Assert.Equal(1, rig.Host.TaskRingCount);
        Assert.True(await Eventually.HoldsAsync(() => rig.Host.TaskRingCount == 0, linger * 5), "the idle ring was not closed after its linger");
        Assert.Equal(fds, PerfFds.Count());
    }

    [HardwareFact]
    public async Task A_task_that_does_not_exist_is_not_found_and_nothing_is_held()
    {
        await using HostRig rig = await HostRig.StartAsync();
        int fds = PerfFds.Count();

        HostException missing = await Assert.ThrowsAsync<HostException>(() =>
            rig.Host.ReserveAsync(rig.Session, rig.Command(0, 8, Arbitration.Scope.ForTask(int.MaxValue - 7))));

        Assert.Equal(HostError.NotFound, missing.Error);
        Assert.Contains($"no task {int.MaxValue - 7}", missing.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
        Assert.Equal(fds, PerfFds.Count());
    }

    [HardwareFact]
    public async Task Flexible_reservations_that_inherit_are_refused_as_a_failed_precondition_since_the_kernel_copies_them()
    {
        await using HostRig rig = await HostRig.StartAsync();
        ReserveCommand flexible = rig.Command(0, 8, Arbitration.Scope.ForTask(rig.Thread.Tid)) with { Pinned = false, Inherit = true };

        HostException refused = await Assert.ThrowsAsync<HostException>(() => rig.Host.ReserveAsync(rig.Session, flexible));

        Assert.Equal(HostError.FailedPrecondition, refused.Error);
        Assert.Contains("inherit", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await rig.Host.ListReservationsAsync(null));
        Assert.Equal(0, rig.Host.OpenEventCount);
    }

    [HardwareFact]
    public async Task Guest_borrowing_is_refused_and_the_host_is_described_as_the_linux_backend_without_a_simulator()
    {
        await using HostRig rig = await HostRig.StartAsync();

        HostException enter = await Assert.ThrowsAsync<HostException>(() => rig.Host.EnterGuestAsync(rig.Session, 0, []));
        HostException exit = await Assert.ThrowsAsync<HostException>(() => rig.Host.ExitGuestAsync(rig.Session, 0));
        HostSnapshot state = await rig.Host.GetStateAsync();

        Assert.Equal(HostError.FailedPrecondition, enter.Error);
        Assert.Equal(HostError.FailedPrecondition, exit.Error);
        Assert.Contains("simulated backend", enter.Message, StringComparison.Ordinal);
        Assert.Null(rig.Host.Simulator);
        Assert.Equal("linux", rig.Host.Description.Backend);
        Assert.Equal("linux", state.Description.Backend);
        Assert.Equal(rig.Host.Description.Profile.CpuCount, state.Cpus.Count);
    }

    [HardwareFact]
    public async Task The_hit_feed_of_an_unknown_session_ends_at_once()
    {
        await using HostRig rig = await HostRig.StartAsync();

        await using EventSubscription<HitRecord> feed = rig.Host.WatchHits("nobody", 4);

        Assert.True(await Feeds.EndsAsync(feed), "the unknown session's hit feed did not end");
    }
}
