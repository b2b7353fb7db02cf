using System.Diagnostics;
using HwbpCluster.Dashboard.Tests.Support;
using HwbpCluster.Node.Hosting;
using Xunit.Abstractions;
using static HwbpCluster.Dashboard.Tests.DashboardPageTests;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>A cluster of two: this process's node serves the page; a second node runs as a process and is killed with -9.</summary>
public sealed class DashboardClusterTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task The_page_shows_the_other_members_host_and_a_killed_member_turns_unreachable()
    {
        var seed = $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}";
        await using var n1 = await DashboardNode.StartAsync("--urls", seed, "--seeds", seed);
        await using var n2 = NodeProcess.Start(["--node-name", "n2", "--host-name", "h2", "--cpus", "2", "--arch", "arm64",
            "--urls", $"http://127.0.0.1:{NodeProcess.FreeLoopbackPort()}", "--seeds", seed]);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(n1.Dashboard);

        // Another member's host, read through the cluster like any forwarded GetHost: arm64 has split pools (6 BRP, then 4 WRP).
        await Expect(page, "tr[data-member='n2'][data-status='UP'][data-reachable='true']", TimeSpan.FromSeconds(60));
        await Expect(page, ".host[data-host='h2'][data-node='n2'][data-reachable='true'] .slot[data-cpu='1']", TimeSpan.FromSeconds(10));
        Assert.Equal("BRP5 free", await page.Locator(".slot[data-host='h2'][data-cpu='1'][data-slot='5']").GetAttributeAsync("title"));
        Assert.Equal("WRP0 free", await page.Locator(".slot[data-host='h2'][data-cpu='1'][data-slot='6']").GetAttributeAsync("title"));
        // The slots' names head the card's columns: six instruction slots, then four data slots.
        Assert.Equal("BRP0 BRP1 BRP2 BRP3 BRP4 BRP5 WRP0 WRP1 WRP2 WRP3",
            string.Join(" ", await page.Locator(".host[data-host='h2'] .cpu.head span").AllInnerTextsAsync()).Trim());

        // A write watch on n2's host, made through n1, shows in h2's first data slot.
        var session = await n1.OpenAsync();
        var reservation = await n1.ReserveAsync(session, "h2", cpu: 1, address: 0x5000);
        await Expect(page, $".slot[data-host='h2'][data-cpu='1'][data-slot='6'][data-reservation='{reservation.Id}']", TimeSpan.FromSeconds(2));

        var killed = Stopwatch.StartNew();
        n2.Kill();
        await Expect(page, "tr[data-member='n2'][data-reachable='false']", TimeSpan.FromSeconds(15));
        var unreachable = killed.Elapsed;
        await Expect(page, ".host[data-host='h2'][data-reachable='false']", TimeSpan.FromSeconds(2));
        Assert.Contains("unreachable (last known state)", await page.Locator(".host[data-host='h2']").InnerTextAsync(), StringComparison.Ordinal);
        await Expect(page, "#log li:has-text('node n2 is unreachable')");
        await Expect(page, "tr[data-member='n1'][data-reachable='true']");
        output.WriteLine($"kill -9 -> unreachable on the page after {unreachable.TotalMilliseconds:0} ms (failure detection takes about 3 s)");
    }
}
