using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>The pinned summary in the host: a uniform task's change costs the same whatever the CPU count; a task-on-CPU
/// breakpoint moves the task's counts into the CPU ledgers, and a task that counts nothing is uniform again.</summary>
public sealed class SummaryPlanTests
{
    [Fact]
    public void A_uniform_task_pair_takes_as_many_actor_turns_on_256_cpus_as_on_4_and_is_armed_where_the_task_runs()
    {
        Assert.Equal(TurnsPerUniformPair(4), TurnsPerUniformPair(256));
    }

    [Fact]
    public void A_task_on_cpu_breakpoint_moves_the_task_out_of_the_summary_and_releasing_everything_brings_it_back()
    {
        var probe = new RecordingProbe();
        var profile = ArchProfile.X86_64(4);
        using var t = new TestHost(profile, probe: probe);
        probe.System = t.System;
        var model = new HostArbiter(profile);
        t.Open("perf", ClientKind.Perf);
        t.Spawn(7);
        var uniform = TurnsOf(t, () => Pair(t));

        var wide = t.Reserve("perf", Scope.ForTask(7), Specs.Write(0x1000));
        var bound = t.Reserve("perf", Scope.ForTaskOnCpu(7, 1), Specs.Write(0x2000));
        model.TryReserve(new ReservationRequest(ClientKind.Perf, Specs.Write(0x1000), Scope.ForTask(7)) { Privileged = true });
        model.TryReserve(new ReservationRequest(ClientKind.Perf, Specs.Write(0x2000), Scope.ForTaskOnCpu(7, 1)) { Privileged = true });

        Assert.Equal(1, probe.Moves);
        Assert.Null(LedgerComparison.Against(t.Run(t.Host.CountsAsync()), model));
        Assert.True(TurnsOf(t, () => Pair(t)) > uniform, "a task with counts in the cpu ledgers takes per-cpu plans");

        t.Run(t.Host.ReleaseAsync("perf", bound.Id));
        t.Run(t.Host.ReleaseAsync("perf", wide.Id));
        Assert.Equal(uniform, TurnsOf(t, () => Pair(t)));
        Assert.Equal(1, probe.Moves);
    }

    [Fact]
    public void A_wide_pair_decided_by_the_summary_alone_takes_one_turn_per_cpu_each_way_and_arms_every_cpu()
    {
        // Per CPU: one Apply to arm, one to disarm; the rest (host, summary, facade) does not grow with the CPU count.
        var (small, _) = TurnsPerWidePair(4, movedOut: false);
        var (large, alone) = TurnsPerWidePair(64, movedOut: false);
        Assert.Equal(2 * (64 - 4), large - small);
        Assert.Equal(2, alone);

        // A task counted in the cpu ledgers: every CPU takes part in each plan (prepare, commit) as before.
        var (perCpu, none) = TurnsPerWidePair(64, movedOut: true);
        Assert.Equal(0, none);
        Assert.True(perCpu > large + (2 * 64), $"{perCpu} turns on the cpus, {large} decided by the summary alone");
    }

    [Fact]
    public void A_task_moving_out_stops_the_summary_deciding_cpu_bound_plans_alone_until_it_counts_nothing()
    {
        var probe = new RecordingProbe();
        var profile = ArchProfile.X86_64(4);
        using var t = new TestHost(profile, probe: probe);
        var model = new HostArbiter(profile);
        t.Open("perf", ClientKind.Perf);
        t.Open("kgdb", ClientKind.Kgdb);
        t.Spawn(7);
        var wide = t.Reserve("kgdb", Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0000));
        model.TryReserve(new ReservationRequest(ClientKind.Kgdb, Specs.Execute(0xFFFF_FFFF_8100_0000), Scope.AllCpus) { Privileged = true });
        Assert.Equal((1, 0), (probe.Alone, probe.OnCpus));

        // Moved out with no count yet: the summary still hears of it first.
        var bound = t.Reserve("perf", Scope.ForTaskOnCpu(7, 2), Specs.Write(0x2000));
        model.TryReserve(new ReservationRequest(ClientKind.Perf, Specs.Write(0x2000), Scope.ForTaskOnCpu(7, 2)) { Privileged = true });
        var onCpu = t.Reserve("perf", Scope.OnCpu(2), Specs.Write(0x3000));
        model.TryReserve(new ReservationRequest(ClientKind.Perf, Specs.Write(0x3000), Scope.OnCpu(2)) { Privileged = true });
        Assert.Equal((1, 1), (probe.Alone, probe.OnCpus));
        Assert.Null(LedgerComparison.Against(t.Run(t.Host.CountsAsync()), model));

        t.Run(t.Host.ReleaseAsync("perf", bound.Id));
        t.Run(t.Host.ReleaseAsync("perf", onCpu.Id));
        t.Run(t.Host.ReleaseAsync("kgdb", wide.Id));
        Assert.Equal((3, 1), (probe.Alone, probe.OnCpus));
        Assert.All(t.State().Cpus, c => Assert.All(c.Slots, s => Assert.Equal(0, s.ReservationId)));
    }

    [Fact]
    public void A_moved_out_task_that_exits_lets_the_summary_decide_alone_again()
    {
        var probe = new RecordingProbe();
        using var t = new TestHost(ArchProfile.X86_64(4), probe: probe);
        t.Open("perf", ClientKind.Perf);
        t.Open("kgdb", ClientKind.Kgdb);
        t.Spawn(7);
        t.Reserve("perf", Scope.ForTaskOnCpu(7, 1), Specs.Write(0x2000));
        t.Reserve("perf", Scope.ForTask(7), Specs.Write(0x3000));
        t.Reserve("kgdb", Scope.OnCpu(3), Specs.Execute(0xFFFF_FFFF_8100_0000));
        Assert.Equal((0, 1), (probe.Alone, probe.OnCpus));

        t.Run(t.Sim.ExitTaskAsync(7));
        t.Reserve("kgdb", Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0010));
        Assert.Equal((1, 1), (probe.Alone, probe.OnCpus));
    }

    // Actor turns of a wide reserve+release, and how many of its two plans the summary decided alone.
    private static (int Turns, long Alone) TurnsPerWidePair(int cpus, bool movedOut)
    {
        var probe = new RecordingProbe();
        using var t = new TestHost(ArchProfile.X86_64(cpus), probe: probe);
        t.Open("kgdb", ClientKind.Kgdb);
        t.Open("perf", ClientKind.Perf);
        t.Spawn(7);
        if (movedOut)
        {
            t.Reserve("perf", Scope.ForTaskOnCpu(7, 0), Specs.Write(0x2000));
        }

        var before = probe.Alone;
        ReservationView? view = null;
        var turns = TurnsOf(t, () => view = t.Reserve("kgdb", Scope.AllCpus, Specs.Execute(0xFFFF_FFFF_8100_0000)));
        Assert.All(t.State().Cpus, c => Assert.Contains(c.Slots, s => s.ReservationId == view!.Id));
        turns += TurnsOf(t, () => t.Run(t.Host.ReleaseAsync("kgdb", view!.Id)));
        Assert.All(t.State().Cpus, c => Assert.DoesNotContain(c.Slots, s => s.ReservationId == view!.Id));
        return (turns, probe.Alone - before);
    }

    private static int TurnsPerUniformPair(int cpus)
    {
        using var t = new TestHost(ArchProfile.X86_64(cpus));
        t.Open("gdb", ClientKind.Ptrace, privileged: false);
        t.Spawn(7);
        t.Run(t.Sim.RunTaskAsync(7, cpus - 1));
        ReservationView? view = null;
        var turns = TurnsOf(t, () => view = t.Reserve("gdb", Scope.ForTask(7), Specs.Write(0x1000)));
        Assert.Equal(view!.Id, t.State().Cpus[cpus - 1].Slots[0].ReservationId);
        turns += TurnsOf(t, () => t.Run(t.Host.ReleaseAsync("gdb", view.Id)));
        Assert.Equal(0, t.State().Cpus[cpus - 1].Slots[0].ReservationId);
        return turns;
    }

    private static void Pair(TestHost t)
    {
        var view = t.Reserve("perf", Scope.ForTask(7), Specs.Write(0x3000));
        t.Run(t.Host.ReleaseAsync("perf", view.Id));
    }

    // Actor turns: one mailbox run each on the seeded dispatcher (snapshots are measured outside: they ask every CPU).
    private static int TurnsOf(TestHost t, Action action)
    {
        t.System.RunUntilIdle();
        var before = t.System.StepCount;
        action();
        t.System.RunUntilIdle();
        return (int)(t.System.StepCount - before);
    }
}
