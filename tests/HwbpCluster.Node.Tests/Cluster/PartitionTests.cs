using System.Diagnostics;
using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Xunit.Abstractions;

namespace HwbpCluster.Node.Tests.Cluster;

/// <summary>
/// A real partition: three hwbp-node processes, each in its own network namespace, cluster traffic over mutual TLS; n3's link
/// is cut and healed. Throughout, every host is audited for a slot booked twice; at the end nothing is left reserved.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    // Long enough that the sessions' own leases outlive a stall of the test's renewals of a few seconds (a full run once lost
    // both at the heal: every renewal of the two, to two nodes, held up at once for more than 2.25 s), short enough for the
    // other side's leases to run out during the cut.
    private const uint TtlMs = 6_000;
    private const uint Cpu = 1;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [NetnsFact]
    public async Task The_cut_off_node_is_downed_by_the_majority_downs_itself_and_rejoins_after_the_heal_with_no_slot_booked_twice_and_nothing_left()
    {
        using var starting = new CancellationTokenSource(Bound);
        await using var cluster = await NamespacedCluster.StartAsync(3, starting.Token);
        await cluster.WaitAsync(() => AllSeeAllUpAsync(cluster), "3 members Up, as each node sees it", Bound);
        var (n1, n3) = (cluster.Client(0), cluster.Client(2));

        // n3's session holds a watch on n3's own host (it must survive everything) and fills a CPU of n1's host; n1's session
        // fills the same CPU of n3's host. Both are leases on the far side of the cut to come, renewed like live clients'.
        var s1 = await n1.OpenAsync(ttlMs: TtlMs);
        var s3 = await n3.OpenAsync(ttlMs: TtlMs);
        using var renewing = new CancellationTokenSource();
        var renewalFailures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var renewals = Task.WhenAll(RenewAsync(n1, s1, renewalFailures, renewing.Token), RenewAsync(n3, s3, renewalFailures, renewing.Token));
        var own = await n3.ReserveAsync(s3, Proto.Cpu(0), Proto.Write(0x3000), host: "h3");
        var slots = (int)(await n1.CallAsync(Api.GetHost, new GetHostRequest { Host = "h1" })).DataSlots;
        Assert.True(await FillAsync(n3, s3, "h1", slots) && await FillAsync(n1, s1, "h3", slots), "could not fill the CPUs before the cut");
        var auditor = new SlotAuditor(cluster);

        var sinceCut = Stopwatch.StartNew();
        cluster.Network.Cut(2);
        await cluster.WaitAsync(async () => (await cluster.MembersAsync(0)).Any(m => m.Node == "n3" && !m.Reachable), "n1 sees n3 unreachable",
            TimeSpan.FromSeconds(15));
        var unreachable = sinceCut.Elapsed;

        // A call for the cut node's host is UNAVAILABLE at once, naming it, never a long timeout.
        var asked = Stopwatch.StartNew();
        var refusal = await Proto.FailsWith(StatusCode.Unavailable, () => n1.CallAsync(Api.GetHost, new GetHostRequest { Host = "h3" }));
        Assert.True(asked.Elapsed < TimeSpan.FromSeconds(2), $"UNAVAILABLE took {asked.Elapsed}");
        Assert.Contains("n3", refusal.Status.Detail, StringComparison.Ordinal);

        // Each side gets the CPU the other side's session held once that lease runs out (TTL + 1 s), and never before.
        var leaseBound = TimeSpan.FromMilliseconds(TtlMs + 1_000) * 4;
        var leases = Task.WhenAll(
            Since(sinceCut, cluster.WaitAsync(() => FillAsync(n1, s1, "h1", slots), "n1's session fills h1's CPU", leaseBound)),
            Since(sinceCut, cluster.WaitAsync(() => FillAsync(n3, s3, "h3", slots), "n3's session fills h3's CPU", leaseBound)));

        await cluster.WaitAsync(async () => (await cluster.MembersAsync(0)).All(m => m.Node != "n3" || m.Status == MemberStatus.Down)
            && (await cluster.MembersAsync(1)).All(m => m.Node != "n3" || m.Status == MemberStatus.Down), "the majority downs n3",
            TimeSpan.FromSeconds(30));
        var downed = sinceCut.Elapsed;
        await cluster.WaitAsync(() => Task.FromResult(cluster.Process(2).Output.Any(l => l.Contains("this node was downed", StringComparison.Ordinal))),
            "n3 downs itself (its log)", TimeSpan.FromSeconds(30));
        var selfDowned = sinceCut.Elapsed;
        var leaseTimes = await leases;

        var sinceHeal = Stopwatch.StartNew();
        cluster.Network.Heal(2);
        await cluster.WaitAsync(() => AllSeeAllUpAsync(cluster), "n3 rejoins by itself: 3 members Up, as each node sees it", TimeSpan.FromSeconds(60));
        var rejoined = sinceHeal.Elapsed;

        // What each session took on its own side during the cut, and n3's first watch on its own host, are all still held.
        Assert.True((await n3.ListAsync(s3, "h3")).Any(r => r.Id == own.Id),
            $"n3's own watch on h3 is gone; failed renewals: [{string.Join("; ", renewalFailures)}]; n3's log:{Environment.NewLine}" +
            string.Join(Environment.NewLine, cluster.Process(2).Output.TakeLast(60)));
        Assert.Equal(slots, (await n3.ListAsync(s3, "h3")).Count(r => r.Scope.Cpu?.Cpu == Cpu));
        Assert.Equal(slots, (await n1.ListAsync(s1, "h1")).Count(r => r.Scope.Cpu?.Cpu == Cpu));
        Assert.Equal("h3", (await n1.CallAsync(Api.GetHost, new GetHostRequest { Host = "h3" })).Host);
        var (polls, violations) = await auditor.StopAsync();
        Assert.True(violations.Count == 0, "slots booked twice:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        Assert.True(polls > 100, $"the auditor read only {polls} host states");

        await renewing.CancelAsync();
        await renewals;
        await n1.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = s1 });
        await n3.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = s3 });
        await cluster.WaitAsync(async () => (await Task.WhenAll(Enumerable.Range(0, cluster.Count).Select(i => cluster.Client(i).ListAsync()))).All(l => l.Count == 0),
            "no reservation left on any host, as every node sees it", TimeSpan.FromSeconds(15));

        output.WriteLine($"cut -> n1 sees n3 unreachable {Ms(unreachable)}, majority downed n3 {Ms(downed)}, n3 downed itself {Ms(selfDowned)}; " +
            $"the other side's CPU taken over once its lease ran out {Ms(leaseTimes[0])} (h1) and {Ms(leaseTimes[1])} (h3); heal -> rejoined {Ms(rejoined)}; " +
            $"{polls} host states audited; renewals that failed (and were retried): {renewalFailures.Count}");
        foreach (var failure in renewalFailures)
        {
            output.WriteLine($"renewal failed: {failure}");
        }
    }

    private static async Task<bool> AllSeeAllUpAsync(NamespacedCluster cluster)
    {
        for (var i = 0; i < cluster.Count; i++)
        {
            if ((await cluster.MembersAsync(i)).Count(m => m.Status == MemberStatus.Up && m.Reachable) != cluster.Count)
            {
                return false;
            }
        }

        return true;
    }

    // Reserves the CPU's slots for the session until it holds all of them; false when the host has no room for the rest now.
    private static async Task<bool> FillAsync(NodeClient node, string session, string host, int slots)
    {
        try
        {
            var held = (await node.ListAsync(session, host)).Count(r => r.Scope.Cpu?.Cpu == Cpu);
            for (var k = held; k < slots; k++)
            {
                await node.ReserveAsync(session, Proto.Cpu(Cpu), Proto.Write(0x1000 + ((ulong)k * 8)), host: host);
            }

            return true;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.ResourceExhausted or StatusCode.Unavailable)
        {
            return false;
        }
    }

    // Renews like a live client: a failed renewal is kept (reported, and in the message if the session is lost) and retried.
    private static async Task RenewAsync(NodeClient node, string session, System.Collections.Concurrent.ConcurrentQueue<string> failures, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await node.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session }, CancellationToken.None);
            }
            catch (RpcException ex)
            {
                failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {session}: {ex.StatusCode} {ex.Status.Detail}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(TtlMs / 4), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<TimeSpan> Since(Stopwatch clock, Task wait)
    {
        await wait;
        return clock.Elapsed;
    }

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds:0} ms";
}
