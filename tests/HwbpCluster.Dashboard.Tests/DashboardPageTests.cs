using HwbpCluster.Dashboard.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace HwbpCluster.Dashboard.Tests;

/// <summary>The page in headless chromium against one node: it loads, follows reservations made over gRPC, and is kept as a screenshot.</summary>
public sealed class DashboardPageTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    /// <summary>The test artifact: under the test's output folder, TestResults/dashboard.png (Playwright creates the folder).</summary>
    private static readonly string Screenshot = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard.png");

    [ChromiumFact]
    public async Task The_page_loads_and_shows_the_node_its_host_and_every_slot_free()
    {
        await using var node = await DashboardNode.StartAsync();
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(node.Dashboard);

        Assert.Equal(200, response!.Status);
        Assert.Equal("HwbpCluster dashboard", await page.TitleAsync());
        await Expect(page, "#connection[data-state='live']");
        await Expect(page, "tr[data-member='n1'][data-status='UP'][data-reachable='true']");
        // x86-64: DR0..DR3 on each of the 4 CPUs, all free.
        Assert.Equal(16, await page.Locator(".host[data-host='h1'] .slot[data-reservation='']").CountAsync());
        Assert.Equal("DR3 free", await page.Locator(".slot[data-host='h1'][data-cpu='2'][data-slot='3']").GetAttributeAsync("title"));
        Assert.Contains("watching 1 member(s) and 1 host(s) from node n1", await page.Locator("#log").InnerTextAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task A_reservation_made_over_grpc_appears_in_its_slot_and_a_release_clears_it()
    {
        await using var node = await DashboardNode.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(node.Dashboard);
        await Expect(page, "#connection[data-state='live']");
        var session = await node.OpenAsync();
        var live = DashboardBound.Get(out var why);
        output.WriteLine(why);

        // The first slot of CPU 2 (DR0): the sim arms a CPU-bound reservation in the lowest free slot.
        var slot = ".slot[data-host='h1'][data-cpu='2'][data-slot='0']";
        var appears = await PageClock.WatchAsync(page, slot + "[data-kind='PERF']");
        var start = DateTimeOffset.UtcNow;
        var reservation = await node.ReserveAsync(session, "h1", cpu: 2, address: 0x7f00_1000, label: "in-the-grid");
        var appeared = await PageClock.SinceAsync(appears, start, TimeSpan.FromSeconds(10));
        Assert.True(appeared < live.TotalMilliseconds, $"the reservation took {appeared} ms to show");
        Assert.Equal(reservation.Id, await page.Locator(slot).GetAttributeAsync("data-reservation"));
        var text = await page.Locator(slot).InnerTextAsync();
        Assert.Contains("DR0 PERF", text, StringComparison.Ordinal);
        Assert.Contains("0x7f001000", text, StringComparison.Ordinal);
        Assert.Contains("in-the-grid", text, StringComparison.Ordinal);
        var details = await page.Locator(slot).GetAttributeAsync("title");
        Assert.Contains($"PERF session {session}", details, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($".slot[data-reservation='{reservation.Id}']").CountAsync());
        await Expect(page, $"#log li:has-text('{reservation.Id} reserved')");

        var clears = await PageClock.WatchAsync(page, slot + "[data-reservation='']");
        start = DateTimeOffset.UtcNow;
        await node.ReleaseAsync(session, reservation.Id);
        var cleared = await PageClock.SinceAsync(clears, start, TimeSpan.FromSeconds(10));
        Assert.True(cleared < live.TotalMilliseconds, $"the release took {cleared} ms to show");
        Assert.Equal(0, await page.Locator($".slot[data-reservation='{reservation.Id}']").CountAsync());
        await Expect(page, $"#log li:has-text('{reservation.Id} released')");
        output.WriteLine($"reserve -> shown in {appeared:0} ms; release -> cleared in {cleared:0} ms");
    }

    [ChromiumFact]
    public async Task Queued_and_suspended_reservations_are_listed_apart()
    {
        await using var node = await DashboardNode.StartAsync("--cpus", "1");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(node.Dashboard);
        var session = await node.OpenAsync();
        for (var slot = 0u; slot < 4; slot++)
        {
            await node.ReserveAsync(session, "h1", cpu: 0, address: 0x1000 + (slot * 8));
        }

        // A fifth has no room: it waits in the host's queue (the call returns when it is served or its wait ends).
        var waiting = node.ReserveAsync(session, "h1", cpu: 0, address: 0x2000, label: "waits", waitMs: 30_000);
        await Expect(page, "#queue tr[data-reservation]:has-text('waits')", TimeSpan.FromSeconds(5));
        Assert.Equal("1", await page.Locator("#queue-count").InnerTextAsync());
        Assert.Equal("0", await page.Locator("#suspended-count").InnerTextAsync());

        // A KVM guest borrows CPU 0: the four armed reservations are suspended (not queued), the guest's own breakpoint shows.
        var kvm = (await node.Arbiter.OpenSessionAsync(new() { ClientKind = Protos.V1.ClientKind.Kvm, ClientName = "guest" })).SessionId;
        await node.Arbiter.EnterGuestAsync(new Protos.V1.EnterGuestRequest
        {
            SessionId = kvm,
            Host = "h1",
            Cpu = 0,
            GuestBreakpoints = { new Protos.V1.Breakpoint { Address = 0x9000, Length = 1, Access = Protos.V1.Access.Execute } },
        });
        await Expect(page, "#suspended-count:text-is('4')", TimeSpan.FromSeconds(5));
        await Expect(page, ".slot.k-guest[data-host='h1'][data-cpu='0']");
        Assert.Equal("1", await page.Locator("#queue-count").InnerTextAsync());

        await node.Arbiter.ExitGuestAsync(new Protos.V1.ExitGuestRequest { SessionId = kvm, Host = "h1", Cpu = 0 });
        await Expect(page, "#suspended-count:text-is('0')", TimeSpan.FromSeconds(5));
        await node.Arbiter.CloseSessionAsync(new Protos.V1.CloseSessionRequest { SessionId = session });
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(() => waiting);
        await Expect(page, "#queue-count:text-is('0')", TimeSpan.FromSeconds(5));
    }

    [ChromiumFact]
    public async Task Hits_per_second_show_and_a_screenshot_of_a_busy_cluster_is_kept_as_a_test_artifact()
    {
        await using var node = await DashboardNode.StartAsync("--sim-hosts", "6", "--cpus", "8", "--labels", "rack=a");
        var page = await browser.NewPageAsync();
        await page.GotoAsync(node.Dashboard);
        var session = await node.OpenAsync(ttlMs: 60_000, name: "screenshot");
        for (var i = 0u; i < 30; i++)
        {
            await node.ReserveAsync(session, $"h1-{i % 6}", cpu: (i * 3) % 8, address: 0x4000 + (i * 0x40), label: $"w{i}");
        }

        // A KVM guest holds CPU 5 of h1-2 with a breakpoint of its own.
        var kvm = (await node.Arbiter.OpenSessionAsync(new() { ClientKind = Protos.V1.ClientKind.Kvm, ClientName = "vm", TtlMs = 60_000 })).SessionId;
        await node.Arbiter.EnterGuestAsync(new Protos.V1.EnterGuestRequest
        {
            SessionId = kvm,
            Host = "h1-2",
            Cpu = 5,
            GuestBreakpoints = { new Protos.V1.Breakpoint { Address = 0xffff_8000_0000, Length = 1, Access = Protos.V1.Access.Execute } },
        });

        // A task on CPU 0 of h1-0 keeps writing the watched address (reservation w0): hits per second show.
        var simulator = new Protos.V1.Simulator.SimulatorClient(node.Channel);
        var task = await simulator.SpawnTaskAsync(new Protos.V1.SpawnTaskRequest { Host = "h1-0", Name = "writer" });
        await simulator.RunTaskAsync(new Protos.V1.RunTaskRequest { Host = "h1-0", Tid = task.Tid, Cpu = 0 });
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var hits = 0;
            var access = new Protos.V1.AccessRequest { Host = "h1-0", Tid = task.Tid, Address = 0x4000, Length = 8, Access = Protos.V1.Access.Write };
            while (!stop.IsCancellationRequested)
            {
                hits += (await simulator.AccessAsync(access)).Hits.Count;
                await Task.Delay(10, CancellationToken.None);
            }

            return hits;
        });
        try
        {
            await Expect(page, ".host[data-host='h1-0'] .rate:not(:text-is('0 hits/s'))", TimeSpan.FromSeconds(3));
            await Expect(page, ".slot.k-guest[data-host='h1-2'][data-cpu='5']");
            await Expect(page, "#totals dd:text-is('30')", TimeSpan.FromSeconds(5));
            await Expect(page, $".cpu[data-cpu='0']:has(.slot[data-host='h1-0']) > span:text-is('cpu0 · tid {task.Tid}')");
            await Expect(page, "#totals div:has(dt:text-is('hits/s')) dd:not(:text-is('0'))");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot, FullPage = true });
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.True(await writer > 0, "the writer's accesses hit nothing");
        Assert.True(new FileInfo(Screenshot).Length > 10_000, "the screenshot is suspiciously small");
        output.WriteLine($"screenshot: {Screenshot}");
    }

    /// <summary>Waits for <paramref name="selector"/> to be on the page (attached), at most <paramref name="within"/> (default 10 s).</summary>
    internal static Task Expect(IPage page, string selector, TimeSpan? within = null) =>
        page.WaitForSelectorAsync(selector, new PageWaitForSelectorOptions
        {
            State = WaitForSelectorState.Attached,
            Timeout = (float)(within ?? TimeSpan.FromSeconds(10)).TotalMilliseconds,
        });
}
