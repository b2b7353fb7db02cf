using HwbpCluster.Campaigns.Faults;
using Xunit.Abstractions;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The fault campaign's CI version: the same code as <c>hwbp-campaign faults</c>, 45 s instead of 5 minutes.</summary>
[Collection(NodeProcesses.Name)]
public sealed class FaultCampaignTests(ITestOutputHelper output)
{
    // Fixed, so a CI failure reproduces with `hwbp-campaign faults --seed 3 --minutes 0.75 --clients 12`.
    private const int Seed = 3;

    [Fact]
    public async Task Nodes_killed_and_restarted_under_load_never_break_a_slot_invariant_nor_keep_a_reservation_past_its_lease()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await new FaultCampaign(Seed, 3, 12, TimeSpan.FromSeconds(45), new TestOutputWriter(output)).RunAsync(cancel.Token);

        Assert.True(report.Passed, $"seed {Seed}:\n{string.Join("\n", report.Failures.Take(10))}");
        Assert.Contains(FaultSchedule.Plan(Seed, 3, TimeSpan.FromSeconds(45), partitions: false), s => s.Kind == FaultKind.Kill);
    }
}
