using HwbpCluster.Campaigns.Faults;
using HwbpCluster.Testing;
using Xunit.Abstractions;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The fault campaign's CI version: the same code as <c>hwbp-campaign faults</c>, 45 s instead of 5 minutes.</summary>
[Collection(NodeProcesses.Name)]
public sealed class FaultCampaignTests(ITestOutputHelper output)
{
    // Fixed, so a CI failure reproduces with `hwbp-campaign faults --seed N --minutes 0.75 --clients 12 [--loopback]`.
    private const int Seed = 3;

    // Cuts n2 off, heals it, kills it and restarts it in 45 s. (Seed 22 does not pass yet: see docs/RELIABILITY.md, Open.)
    private const int PartitionSeed = 9;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Nodes_killed_and_restarted_under_load_never_break_a_slot_invariant_nor_keep_a_reservation_past_its_lease()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await new FaultCampaign(Seed, 3, 12, Duration, new TestOutputWriter(output), n => new LoopbackNetwork(n)).RunAsync(cancel.Token);

        Assert.True(report.Passed, $"seed {Seed}:\n{string.Join("\n", report.Failures.Take(10))}");
        Assert.Contains(FaultSchedule.Plan(Seed, 3, Duration, partitions: false), s => s.Kind == FaultKind.Kill);
    }

    [NetnsFact]
    public async Task Nodes_killed_restarted_and_cut_off_in_network_namespaces_never_break_a_slot_invariant_nor_keep_a_reservation_past_its_lease()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await new FaultCampaign(PartitionSeed, 3, 12, Duration, new TestOutputWriter(output), NamespaceNetwork.Create).RunAsync(cancel.Token);

        Assert.True(report.Passed, $"seed {PartitionSeed}:\n{string.Join("\n", report.Failures.Take(10))}");
        var schedule = FaultSchedule.Plan(PartitionSeed, 3, Duration, partitions: true);
        Assert.Contains(schedule, s => s.Kind == FaultKind.Cut);
        Assert.Contains(schedule, s => s.Kind == FaultKind.Kill);
    }
}
