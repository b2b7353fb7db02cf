using HwbpCluster.Campaigns.Fuzz;
using Xunit.Abstractions;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The fuzz campaign's CI version: the same code as <c>hwbp-campaign fuzz</c>, 10,000 cases instead of 100,000.</summary>
[Collection(NodeProcesses.Name)]
public sealed class FuzzCampaignTests(ITestOutputHelper output)
{
    // Fixed, so a CI failure reproduces with `hwbp-campaign fuzz --seed 2026 --count 10000`; HWBP_FUZZ_SEED tries another.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("HWBP_FUZZ_SEED"), out var seed) ? seed : 2026;

    [Fact]
    public async Task Ten_thousand_seeded_requests_over_every_method_and_garbage_on_every_socket_get_no_unknown_and_leave_nothing()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var report = await new FuzzCampaign(Seed, 10_000, 64, new TestOutputWriter(output)).RunAsync(cancel.Token);

        Assert.True(report.Failures.Count == 0, $"seed {Seed}:\n{string.Join("\n", report.Failures.Take(5))}");
        Assert.Equal(10_000, report.Sent);
        Assert.Equal(FuzzMethod.All.Select(m => m.Path).Order(), report.Methods.Keys.Order());
        Assert.Contains(report.Tallies, t => t.Key.StartsWith("valid -> OK", StringComparison.Ordinal));
        Assert.Contains(report.Tallies, t => t.Key.StartsWith("garbage cluster", StringComparison.Ordinal));
    }
}
