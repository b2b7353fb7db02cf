using System.Diagnostics;
using HwbpCluster.Client;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Demo.Story;

/// <summary>
/// Through n3, one perf session reserves CPU 1 of every host labelled role=db (on n1 and n2), all or nothing; first while one
/// host is full (nothing is kept anywhere), then for real; the hits of all six hosts stream to n3.
/// </summary>
internal sealed class FleetAct : IAct
{
    private const uint Cpu = 1;
    private const int Via = 2;

    public string Step => "fleet";

    public string Title => "a fleet: all or nothing on every role=db host, through n3";

    public async Task<string> RunAsync(StoryContext story)
    {
        var n3 = story.Client(Via);
        var ct = story.Cancellation;
        var tid = story.Tid();
        var address = story.UserAddress(0x55aa_0000_0000);
        var db = story.Cluster.Plans.Where(p => p.Labels.Contains("role=db", StringComparison.Ordinal)).SelectMany(p => p.Hosts).ToList();
        foreach (var host in db)
        {
            await story.Owner(host).SpawnTaskAsync(tid, "postgres", host, ct);
            await story.Owner(host).RunTaskAsync(tid, Cpu, host, ct);
        }

        story.Writer.Say($"task {tid} 'postgres' runs on cpu {Cpu} of {string.Join(", ", db)} (simulated by their own nodes, n1 and n2)");

        // A session lives on the node that opened it: n3. A short lease, so the next act sees its leases end quickly.
        var fleet = await n3.OpenSessionAsync("fleet-watch", ClientKind.Perf, TimeSpan.FromSeconds(2), ct);
        story.FleetSession = fleet;
        var template = new ReserveRequest
        {
            Scope = Scopes.Cpu(Cpu), Pinned = true, Label = "demo-fleet",
            Breakpoint = new Breakpoint { Address = address, Length = 8, Access = Access.Write },
        };
        var selector = HostSelectors.Labelled("role", "db");

        await RefusedWhileOneHostIsFullAsync(story, fleet, selector, template, db[^1]);

        var reserved = await fleet.FleetReserveAsync(selector, template, FleetMode.AllOrNothing, cancellationToken: ct);
        StepFailedException.Expect(reserved.Committed, $"not committed: {string.Join("; ", reserved.Outcomes.Select(o => $"{o.Host} {o.Message}"))}");
        StepFailedException.Expect(reserved.Outcomes.Select(o => o.Host).Order().SequenceEqual(db.Order()) && reserved.Outcomes.All(o => o.StatusCode == 0),
            $"outcomes: {string.Join("; ", reserved.Outcomes.Select(o => $"{o.Host} {o.StatusCode} {o.Message}"))}");
        story.FleetHosts = db;
        story.Writer.Say($"role=db, write 0x{address:x}/8 on cpu {Cpu}, ALL_OR_NOTHING: committed on {db.Count} hosts: " +
            string.Join(", ", reserved.Outcomes.Select(o => o.Reservation.Id)));

        await using var hits = Feed<HitEvent>.Start(await fleet.StartWatchHitsAsync(cancellationToken: ct), Describe.Hit, story.Writer);
        var live = await WatchReachesEveryHostAsync(story, hits, db, tid, address);
        story.Writer.Say($"the watch on n3 gets hits from all {db.Count} hosts after {Describe.Ms(live)}");

        var before = hits.Count(_ => true);
        var expected = 0;
        var rounds = story.Random.Next(2, 4);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var host in db)
            {
                expected += (await story.Owner(host).AccessAsync(tid, address + (uint)(story.Random.Next(2) * 4), 4, Access.Write, ip: 0x50_2000, host: host, cancellationToken: ct)).Count;
            }
        }

        StepFailedException.Expect(expected == rounds * db.Count, $"{rounds} rounds of writes on {db.Count} hosts caused {expected} hits");
        var streamed = await hits.WaitForAsync(_ => true, before + expected, TimeSpan.FromSeconds(10), $"{before + expected} fleet hits", ct);
        var fromHosts = streamed.Select(h => h.Host).Distinct().Count();
        StepFailedException.Expect(fromHosts == db.Count, $"hits came from {fromHosts} hosts, not {db.Count}");

        story.Figures.Add(("fleet hits streamed to n3", $"{streamed.Count} from {fromHosts} hosts on 2 nodes"));
        return $"fleet: ALL_OR_NOTHING refused while {db[^1]} was full (nothing kept), then committed on {db.Count} hosts; {streamed.Count} hits streamed to n3";
    }

    // Another perf session fills the host's CPU through its own node: the fleet call must fail there and keep nothing elsewhere.
    private static async Task RefusedWhileOneHostIsFullAsync(
        StoryContext story, HwbpSession fleet, HostSelector selector, ReserveRequest template, string fullHost)
    {
        var ct = story.Cancellation;
        await using var other = await story.Owner(fullHost).OpenSessionAsync("perf top", ClientKind.Perf, TimeSpan.FromSeconds(5), ct);
        for (var i = 0u; i < 4; i++)
        {
            await other.ReserveAsync(Scopes.Cpu(Cpu), new Breakpoint { Address = 0x55bb_0000_0000UL + (i * 0x40), Length = 8, Access = Access.Write }, fullHost, ct);
        }

        var refused = await fleet.FleetReserveAsync(selector, template, FleetMode.AllOrNothing, cancellationToken: ct);
        var failed = refused.Outcomes.Where(o => o.StatusCode != 0).Select(o => o.Host).ToList();
        StepFailedException.Expect(!refused.Committed && failed.Contains(fullHost),
            $"with {fullHost}'s cpu {Cpu} full, the fleet reserve answered committed={refused.Committed}, failures [{string.Join(", ", failed)}]");
        var kept = await fleet.ListReservationsAsync(ct);
        StepFailedException.Expect(kept.Count == 0, $"a refused ALL_OR_NOTHING kept {kept.Count} reservations: {string.Join(", ", kept.Select(r => r.Id))}");
        var why = refused.Outcomes.First(o => o.Host == fullHost).Message;
        story.Writer.Say($"first try, while another perf fills cpu {Cpu} of {fullHost}: not committed ({fullHost}: {why}); nothing kept on any host");
        await other.CloseAsync(ct);
    }

    // A watch's feeds from hosts on other nodes open a moment after the node answers it (the subscription travels to the
    // owning node), so a write in that moment is not delivered. Write once on every host until each has delivered a hit;
    // the counted rounds come after.
    private static async Task<TimeSpan> WatchReachesEveryHostAsync(
        StoryContext story, Feed<HitEvent> hits, IReadOnlyList<string> hosts, ulong tid, ulong address)
    {
        var clock = Stopwatch.StartNew();
        var waiting = hosts.ToHashSet();
        while (true)
        {
            waiting.RemoveWhere(host => hits.Count(h => h.Host == host) > 0);
            if (waiting.Count == 0)
            {
                return clock.Elapsed;
            }

            StepFailedException.Expect(clock.Elapsed < TimeSpan.FromSeconds(10),
                $"no hit from {string.Join(", ", waiting)} reached the watch on n3 within 10 s");
            foreach (var host in waiting)
            {
                await story.Owner(host).AccessAsync(tid, address, 8, Access.Write, ip: 0x50_1000, host: host, cancellationToken: story.Cancellation);
            }

            await Task.Delay(100, story.Cancellation);
        }
    }
}
