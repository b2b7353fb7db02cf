using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

/// <summary>Fleet prepare, commit and abort on one simulated host: a hold takes room in the CPU ledgers, is no reservation,
/// arms nothing until committed, makes a competing request wait for its outcome, and gives its room back at its deadline.</summary>
public sealed class FleetHoldTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_hold_is_not_listed_nor_armed_until_its_commit_makes_it_an_ordinary_reservation()
    {
        using var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("fleet", ClientKind.Perf);

        var held = Prepare(t, "fleet", Scope.OnCpu(1));

        Assert.Empty(t.List());
        Assert.All(t.State().Cpus[1].Slots, s => Assert.Equal(0, s.ReservationId));
        Assert.Equal(0UL, t.State().Cpus[1].Dr7);
        var cpu1 = t.Run(t.Host.CountsAsync())[1];
        Assert.Equal((1, 1), (cpu1.PendingHolds, cpu1.ProjectedWorstCase[(int)Pool.Data]));

        var committed = t.Run(t.Host.CommitAsync("fleet", held.Id));

        Assert.Equal(held.Id, Assert.Single(t.List()).Id);
        Assert.Equal(held.Id, committed.Id);
        Assert.Equal(held.Id, t.State().Cpus[1].Slots[0].ReservationId);
    }

    [Fact]
    public void A_request_that_fits_only_without_the_hold_waits_for_it_and_gets_the_slot_when_it_is_aborted()
    {
        using var t = new TestHost(ArchProfile.X86_64(1));
        t.Open("fleet", ClientKind.Perf);
        t.Open("other", ClientKind.Perf);
        for (var i = 0; i < 3; i++)
        {
            t.Reserve("other", Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var held = Prepare(t, "fleet", Scope.OnCpu(0));
        var competing = t.Host.ReserveAsync("other", Command(Scope.OnCpu(0), 0x2000));
        t.System.RunUntilIdle();
        Assert.False(competing.IsCompleted, "a request that fits if the hold aborts must wait for its outcome, not be refused");

        Assert.True(t.Run(t.Host.AbortAsync("fleet", held.Id)));

        Assert.Equal(ReservationStatus.Active, t.Run(competing).State);
        Assert.Equal(4, t.List("other").Count);
        Assert.False(t.Run(t.Host.AbortAsync("fleet", held.Id)), "a second abort finds nothing held");
    }

    [Fact]
    public void A_release_does_not_wait_behind_a_request_that_waits_for_a_hold_and_the_room_it_frees_serves_that_request()
    {
        // The fault campaign's case: a hold whose coordinator is cut off stays undecided until its deadline, and a request that
        // fits only without it waits. A release (and so a lease that runs out) needs no room: it must not wait behind them.
        using var t = new TestHost(ArchProfile.X86_64(1));
        var (mine, waiting) = WaitBehindAHold(t, "other");

        var release = t.Host.ReleaseAsync("other", mine[0].Id);
        t.System.RunUntilIdle();

        Assert.True(release.IsCompletedSuccessfully, "the release waited behind a request that waits for an undecided hold");
        Assert.Equal(ReservationStatus.Active, t.Run(waiting).State);
        Assert.Equal(1, t.Run(t.Host.CountsAsync())[0].PendingHolds);
        Assert.Equal(3, t.State().Cpus[0].Slots.Count(s => s.ReservationId != 0));
    }

    [Fact]
    public void A_closing_session_releases_at_once_while_another_request_waits_for_a_hold()
    {
        using var t = new TestHost(ArchProfile.X86_64(1));
        var (_, waiting) = WaitBehindAHold(t, "leased");

        var closed = t.Host.CloseSessionAsync("leased", "lease-expired");
        t.System.RunUntilIdle();

        Assert.True(closed.IsCompletedSuccessfully, "a lease that ran out waited behind a request that waits for an undecided hold");
        Assert.Equal(3, t.Run(closed));
        Assert.Equal(ReservationStatus.Active, t.Run(waiting).State);
        Assert.Empty(t.List("leased"));
    }

    [Fact]
    public void A_request_waiting_for_a_hold_that_commits_is_refused_and_the_slots_never_exceed_the_cpus()
    {
        using var t = new TestHost(ArchProfile.X86_64(1));
        t.Open("fleet", ClientKind.Kgdb);
        t.Open("other", ClientKind.Perf);
        for (var i = 0; i < 3; i++)
        {
            t.Reserve("other", Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        var held = Prepare(t, "fleet", Scope.AllCpus);
        var competing = t.Host.ReserveAsync("other", Command(Scope.OnCpu(0), 0x2000));
        t.System.RunUntilIdle();
        t.Run(t.Host.CommitAsync("fleet", held.Id));

        Assert.Equal(HostError.NoRoom, t.Fails(competing).Error);
        Assert.Equal(4, t.State().Cpus[0].Slots.Count(s => s.ReservationId != 0));
        Assert.Equal(4, t.Run(t.Host.CountsAsync())[0].ProjectedWorstCase[(int)Pool.Data]);
    }

    [Fact]
    public void A_hold_nobody_decides_gives_its_room_back_at_its_deadline_and_a_late_commit_is_aborted()
    {
        using var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("fleet", ClientKind.Kgdb);
        var held = Prepare(t, "fleet", Scope.AllCpus);

        t.System.AdvanceTime(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.All(t.Run(t.Host.CountsAsync()), c => Assert.Equal(1, c.PendingHolds));
        t.System.AdvanceTime(TimeSpan.FromMilliseconds(1));

        Assert.All(t.Run(t.Host.CountsAsync()), c => Assert.Equal((0, 0), (c.PendingHolds, c.ProjectedWorstCase[(int)Pool.Data])));
        Assert.Equal(HostError.Aborted, t.Fails(t.Host.CommitAsync("fleet", held.Id)).Error);
        Assert.Empty(t.List());
    }

    [Fact]
    public void A_task_hold_arms_nothing_where_the_task_runs_until_committed()
    {
        using var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("gdb", ClientKind.Ptrace);
        t.Spawn(42);
        t.Run(t.Sim.RunTaskAsync(42, 0));

        var held = Prepare(t, "gdb", Scope.ForTask(42));
        t.Run(t.Sim.RunTaskAsync(42, 0));
        Assert.Equal(0UL, t.State().Cpus[0].Dr7);

        t.Run(t.Host.CommitAsync("gdb", held.Id));
        t.Run(t.Sim.RunTaskAsync(42, 0));

        Assert.Equal(held.Id, t.State().Cpus[0].Slots[0].ReservationId);
    }

    [Fact]
    public void Closing_the_session_aborts_its_holds()
    {
        using var t = new TestHost(ArchProfile.X86_64(2));
        t.Open("fleet", ClientKind.Perf);
        var held = Prepare(t, "fleet", Scope.OnCpu(0));

        t.Run(t.Host.CloseSessionAsync("fleet", "session-closed"));
        t.Open("fleet", ClientKind.Perf);

        Assert.Equal(HostError.Aborted, t.Fails(t.Host.CommitAsync("fleet", held.Id)).Error);
        Assert.All(t.Run(t.Host.CountsAsync()), c => Assert.Equal(0, c.PendingHolds));
    }

    // CPU 0 of a one-CPU host: three reservations of holder's, a fleet hold, and a waiter's request that fits only if the hold
    // aborts, so it waits for the hold's outcome.
    private static (ReservationView[] Held, Task<ReservationView> Waiting) WaitBehindAHold(TestHost t, string holder)
    {
        t.Open("fleet", ClientKind.Perf);
        t.Open(holder, ClientKind.Perf);
        t.Open("waiter", ClientKind.Perf);
        var held = Enumerable.Range(0, 3).Select(i => t.Reserve(holder, Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)))).ToArray();
        Prepare(t, "fleet", Scope.OnCpu(0));
        var waiting = t.Host.ReserveAsync("waiter", Command(Scope.OnCpu(0), 0x2000));
        t.System.RunUntilIdle();
        Assert.False(waiting.IsCompleted, "a request that fits only if the hold aborts waits for its outcome");
        return (held, waiting);
    }

    private static ReservationView Prepare(TestHost t, string session, Scope scope) =>
        t.Run(t.Host.PrepareAsync(session, Command(scope, 0x4000), Ttl));

    private static ReserveCommand Command(Scope scope, ulong address) => new(scope, Specs.Write(address), true, false, "fleet", TimeSpan.Zero);
}
