using HwbpCluster.Campaigns.Faults;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>A seed names one fault schedule; every fault is undone, one at a time, and outlasts a campaign lease.</summary>
public sealed class FaultScheduleTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(77, true)]
    public void A_seed_makes_one_schedule_where_each_fault_is_undone_before_the_next_and_before_the_quiet_end(int seed, bool partitions)
    {
        var duration = TimeSpan.FromMinutes(5);
        var steps = FaultSchedule.Plan(seed, 3, duration, partitions);

        Assert.Equal(steps, FaultSchedule.Plan(seed, 3, duration, partitions));
        Assert.NotEmpty(steps);
        Assert.All(steps.Chunk(2), pair =>
        {
            var (fault, undo) = (pair[0], pair[1]);
            Assert.Equal(fault.Node, undo.Node);
            Assert.Equal(fault.Kind == FaultKind.Kill ? FaultKind.Restart : FaultKind.Heal, undo.Kind);
            Assert.InRange(undo.At - fault.At, TimeSpan.FromMilliseconds(FaultCampaign.LeaseMs) + SessionLedger.Slack, TimeSpan.FromSeconds(15));
        });
        Assert.All(steps.Zip(steps.Skip(1)), s => Assert.True(s.First.At < s.Second.At));
        Assert.True(steps[^1].At <= duration - FaultSchedule.QuietEnd);
        Assert.Equal(partitions, steps.Any(s => s.Kind == FaultKind.Cut));
        Assert.Equal([0, 1, 2], steps.Select(s => s.Node).Distinct().Order());
    }

    [Fact]
    public void Another_seed_makes_another_schedule()
    {
        Assert.NotEqual(FaultSchedule.Plan(1, 3, TimeSpan.FromMinutes(5), true), FaultSchedule.Plan(2, 3, TimeSpan.FromMinutes(5), true));
    }
}
