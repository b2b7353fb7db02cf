using System.Diagnostics;
using HwbpCluster.Dashboard.Tests.Support;
using Xunit.Abstractions;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>The figures, measured in the browser: 100 hosts of 8 CPUs drawn after a load, and a change on the page while
/// 100 reservations a second come and go. The suite asserts the page works at this size; bench/dashboard.sh asserts the
/// issue's 1 s goal on a quiet machine (<see cref="DashboardBound"/>, docs/PERFORMANCE.md).</summary>
public sealed class DashboardPerformanceTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int Hosts = 100;
    private const int Cpus = 8;
    private const int PerSecond = 100;
    private const int Samples = 10;

    [ChromiumFact]
    public async Task A_hundred_hosts_of_eight_cpus_are_all_drawn_and_changes_reach_the_page_under_100_reservations_a_second()
    {
        // The browser's own first page (its first renderer, its fonts: the dashboard's families and sizes) is paid here, not
        // by the node's first page: a user's browser has drawn pages before.
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("""
            <p style="font: 13px system-ui, sans-serif">warming <b>the</b> browser</p><p style="font: 10px system-ui, sans-serif">x</p>
            <p style="font: 11px system-ui, sans-serif">x</p><p style="font: 12px ui-monospace, monospace">x</p>
            """);
        await page.CloseAsync();
        await using var node = await DashboardNode.StartAsync("--sim-hosts", $"{Hosts}", "--cpus", $"{Cpus}");
        var bound = DashboardBound.Get(out var why);
        output.WriteLine(why);
        page = await browser.NewPageAsync();

        // Load: from navigation start (performance.now()'s origin) until the browser drew the snapshot's grid, all 100 cards.
        // The first page after the node's start counts like any other: the node warms the dashboard as it starts (its first
        // HTTP request and its first read of the cluster) so that it does not pay for that. Each page is a fresh browser
        // context (a new renderer, nothing cached).
        var cold = await LoadAsync(page, node);
        var warm = new List<LoadTimes>();
        for (var i = 0; i < 3; i++)
        {
            await page.CloseAsync();
            warm.Add(await LoadAsync(page = await browser.NewPageAsync(), node));
        }

        output.WriteLine($"{Hosts} hosts x {Cpus} cpus: first page after start: {cold}");
        warm.ForEach(w => output.WriteLine($"  next page: {w}"));
        Assert.Equal(Hosts * Cpus * 4, await page.Locator(".slot").CountAsync());
        // "Drawn" means every card: none may be left out of layout and paint until scrolled to (content-visibility).
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.querySelectorAll('.host')].every(h => getComputedStyle(h).contentVisibility === 'visible')"),
            "a host card skips its rendering until scrolled to, so the load time would not be that of all 100 hosts");
        var slowest = warm.Append(cold).Max(w => w.Drawn);
        Assert.True(slowest < bound.TotalMilliseconds, $"{Hosts} hosts of {Cpus} CPUs took up to {slowest:0} ms to be drawn");

        // Load: one session reserves on hosts h1-0..h1-98 at 100 a second and releases each a half second later (about 50 held).
        using var stop = new CancellationTokenSource();
        var load = RunLoadAsync(node, stop.Token);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var probe = await node.OpenAsync(ttlMs: 600_000, name: "probe");
            var latencies = new List<double>();
            for (var i = 0; i < Samples; i++)
            {
                // h1-99 is left to the probe, so its slot DR0 of CPU 7 is free before each sample and held after it.
                var slot = ".slot[data-host='h1-99'][data-cpu='7'][data-slot='0']";
                var appears = await PageClock.WatchAsync(page, slot + "[data-kind='PERF']");
                var start = DateTimeOffset.UtcNow;
                var reservation = await node.ReserveAsync(probe, "h1-99", cpu: 7, address: 0xA000);
                latencies.Add(await PageClock.SinceAsync(appears, start, TimeSpan.FromSeconds(10)));
                var clears = await PageClock.WatchAsync(page, slot + "[data-reservation='']");
                await node.ReleaseAsync(probe, reservation.Id);
                await PageClock.SinceAsync(clears, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(10));
            }

            stop.Cancel();
            var (reserved, seconds) = await load;
            var rate = reserved / seconds;
            latencies.Sort();
            var patches = await page.EvaluateAsync<int>("() => window.hwbpDashboard.patches");
            var delays = await page.EvaluateAsync<double[]>("() => window.hwbpDashboard.delays");
            var periods = await page.EvaluateAsync<double[]>("() => window.hwbpDashboard.periods");
            output.WriteLine($"read -> drawn: median {Median(delays):0} ms, max {delays.Max():0} ms; patches every {Median(periods):0} ms (median)");
            output.WriteLine(
                $"load {rate:0} reservations/s ({reserved} in {seconds:0.0} s); change -> page: median {latencies[Samples / 2]:0} ms, " +
                $"max {latencies[^1]:0} ms over {Samples} samples; {patches} patches applied");
            Assert.True(rate >= PerSecond * 0.9, $"the load reached only {rate:0} reservations/s");
            Assert.True(latencies[^1] < bound.TotalMilliseconds, $"a change took {latencies[^1]:0} ms to reach the page under load");
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static async Task<LoadTimes> LoadAsync(Microsoft.Playwright.IPage page, DashboardNode node)
    {
        await page.GotoAsync(node.Dashboard);
        await page.WaitForFunctionAsync("() => window.hwbpDashboard.snapshotPaintedAt > 0 && window.hwbpDashboard.snapshotRenderedAt > 0");
        var times = await page.EvaluateAsync<double[]>(
            "() => { const p = window.hwbpDashboard; const n = performance.getEntriesByType('navigation')[0]; " +
            "return [n.responseEnd, p.streamOpenedAt, p.snapshotReceivedAt, p.snapshotParsedAt, p.snapshotBuiltAt, p.snapshotPaintedAt, p.snapshotRenderedAt]; }");
        return new LoadTimes(times[0], times[1], times[2], times[3], times[4], times[5], times[6]);
    }

    /// <summary>Milliseconds from navigation start: the page arrived, the stream opened, the snapshot arrived and was parsed, the
    /// DOM was built, the browser presented the frame with it (Element Timing), and the page's next task ran after that frame.</summary>
    private sealed record LoadTimes(double Page, double Opened, double Received, double Parsed, double Built, double Painted, double Rendered)
    {
        /// <summary>What the bound applies to: the later of the frame's presentation and the end of its work on the main
        /// thread (style, layout and paint of every card, all inserted in one task before that frame).</summary>
        public double Drawn => Math.Max(Painted, Rendered);

        public override string ToString() =>
            $"page in {Page:0} ms, stream open {Opened:0} ms, snapshot in {Received:0} ms, parsed {Parsed:0} ms, DOM built {Built:0} ms, " +
            $"painted {Painted:0} ms, next task {Rendered:0} ms";
    }

    // Reserves at PerSecond on a fixed schedule (not "as fast as the last one returned"), releasing each reservation 0.5 s later.
    private static async Task<(int Reserved, double Seconds)> RunLoadAsync(DashboardNode node, CancellationToken stop)
    {
        var session = await node.OpenAsync(ttlMs: 600_000, name: "load");
        var held = new Queue<(string Id, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        var reserved = 0;
        while (!stop.IsCancellationRequested)
        {
            var due = TimeSpan.FromSeconds((double)reserved / PerSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, CancellationToken.None);
            }

            var reservation = await node.ReserveAsync(session, $"h1-{reserved % (Hosts - 1)}", cpu: (uint)(reserved / (Hosts - 1) % Cpus),
                address: 0x10000 + ((ulong)reserved * 8));
            held.Enqueue((reservation.Id, clock.Elapsed));
            reserved++;
            while (held.Count > 0 && clock.Elapsed - held.Peek().At > TimeSpan.FromSeconds(0.5))
            {
                await node.ReleaseAsync(session, held.Dequeue().Id);
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        while (held.Count > 0)
        {
            await node.ReleaseAsync(session, held.Dequeue().Id);
        }

        return (reserved, seconds);
    }
}
