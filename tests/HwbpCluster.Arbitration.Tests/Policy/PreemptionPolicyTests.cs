using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Tests.Policy;

/// <summary>kgdb's victims, chosen in one place for the pure core and the host actors.</summary>
public sealed class PreemptionPolicyTests
{
    private static PreemptionCandidate Perf(long id, long task = 0) => new(id, ClientKind.Perf, Pinned: true, task);

    private static PreemptionCandidate Ptrace(long id, long task) => new(id, ClientKind.Ptrace, Pinned: true, task);

    [Fact]
    public void The_newest_suspendable_cpu_bound_reservation_goes_first()
    {
        Assert.Equal([7L], PreemptionPolicy.PickVictims(ClientKind.Kgdb, [Perf(3), Perf(7), Perf(9, task: 1), Ptrace(12, task: 2)]));
    }

    [Fact]
    public void Otherwise_every_task_at_the_maximum_count_gives_up_its_newest_perf_breakpoint()
    {
        PreemptionCandidate[] counted = [Perf(1, task: 1), Perf(4, task: 1), Perf(2, task: 2), Perf(5, task: 2), Perf(3, task: 3)];

        Assert.Equal([4L, 5L], PreemptionPolicy.PickVictims(ClientKind.Kgdb, counted));
    }

    [Fact]
    public void Nothing_is_taken_when_a_task_at_the_maximum_has_only_ptrace_breakpoints()
    {
        PreemptionCandidate[] counted = [Perf(1, task: 1), Perf(4, task: 1), Ptrace(2, task: 2), Ptrace(5, task: 2)];

        Assert.Empty(PreemptionPolicy.PickVictims(ClientKind.Kgdb, counted));
    }

    [Fact]
    public void Only_kgdb_preempts()
    {
        Assert.Empty(PreemptionPolicy.PickVictims(ClientKind.Perf, [Perf(3), Perf(7, task: 1)]));
    }
}
