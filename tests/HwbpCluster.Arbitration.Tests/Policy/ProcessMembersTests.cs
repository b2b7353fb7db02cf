using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Tests.Policy;

/// <summary>The tasks a process scope covers when reserved (the simulator's thread groups).</summary>
public sealed class ProcessMembersTests
{
    [Fact]
    public void A_process_is_its_task_and_every_live_descendant_in_tid_order()
    {
        (long, long)[] tasks = [(1, 0), (5, 1), (3, 1), (9, 5), (2, 0), (7, 2)];

        Assert.Equal([1L, 3L, 5L, 9L], ProcessMembers.Of(1, tasks));
        Assert.Equal([5L, 9L], ProcessMembers.Of(5, tasks));
        Assert.Equal([2L, 7L], ProcessMembers.Of(2, tasks));
    }

    [Fact]
    public void A_task_whose_parent_exited_is_no_longer_reached()
    {
        (long, long)[] tasks = [(1, 0), (9, 5)];

        Assert.Equal([1L], ProcessMembers.Of(1, tasks));
    }

    [Fact]
    public void No_such_task_is_no_members()
    {
        Assert.Empty(ProcessMembers.Of(4, [(1, 0)]));
    }
}
