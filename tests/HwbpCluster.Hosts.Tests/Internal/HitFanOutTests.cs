using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Internal;
using HwbpCluster.Hosts.Internal.HostParts;

namespace HwbpCluster.Hosts.Tests.Internal;

/// <summary>The hit fan-out: CPUs deliver from their own threads straight to the owning session's feeds.</summary>
public sealed class HitFanOutTests
{
    private readonly HitFanOut _fanOut = new();

    [Fact]
    public async Task Hits_from_concurrent_cpus_keep_each_cpus_order_and_every_hit_is_delivered_or_counted_as_dropped()
    {
        _fanOut.Open("s");
        var roomy = new EventSubscription<HitRecord>(100_000, _ => { });
        var small = new EventSubscription<HitRecord>(16, _ => { });
        _fanOut.Watch("s", roomy);
        _fanOut.Watch("s", small);
        var records = new[] { Record(1, "s"), Record(2, "s") };
        foreach (var record in records)
        {
            _fanOut.Route(record);
        }

        const int PerCpu = 5_000;
        var cpus = Enumerable.Range(0, 4).Select(cpu => Task.Run(() =>
        {
            for (var i = 0; i < PerCpu; i++)
            {
                _fanOut.Deliver([Hit(1 + (i % 2), cpu, (ulong)i)]);
            }
        })).ToArray();
        await Task.WhenAll(cpus);
        _fanOut.Close("s");

        var seen = await roomy.ReadAllAsync().ToListAsync();
        Assert.Equal(4 * PerCpu, seen.Count);
        foreach (var stream in seen.GroupBy(h => (h.Cpu, h.ReservationId)))
        {
            Assert.Equal(stream.Select(h => h.Ip).Order(), stream.Select(h => h.Ip));
        }

        Assert.Equal((ulong)(2 * PerCpu), records[0].Hits);
        Assert.Equal((ulong)(2 * PerCpu), records[1].Hits);
        var kept = await small.ReadAllAsync().CountAsync();
        Assert.Equal(16, kept);
        Assert.Equal(4 * PerCpu, kept + small.Dropped);
    }

    [Fact]
    public async Task A_reservation_goes_only_to_its_own_session_and_an_unrouted_one_neither_counts_nor_delivers()
    {
        _fanOut.Open("a");
        _fanOut.Open("b");
        var a = new EventSubscription<HitRecord>(10, _ => { });
        var b = new EventSubscription<HitRecord>(10, _ => { });
        _fanOut.Watch("a", a);
        _fanOut.Watch("b", b);
        var mine = Record(1, "a");
        var gone = Record(2, "a");
        _fanOut.Route(mine);
        _fanOut.Route(gone);
        _fanOut.Unroute(gone.Id);

        _fanOut.Deliver([Hit(1, 0, 1), Hit(2, 0, 2)]);
        _fanOut.CloseAll();

        Assert.Equal([1L], await a.ReadAllAsync().Select(h => h.ReservationId).ToListAsync());
        Assert.Empty(await b.ReadAllAsync().ToListAsync());
        Assert.Equal((1UL, 0UL), (mine.Hits, gone.Hits));
    }

    [Fact]
    public async Task A_closed_session_ends_its_feeds_and_a_feed_watching_it_afterwards_ends_at_once()
    {
        _fanOut.Open("s");
        var before = new EventSubscription<HitRecord>(10, _ => { });
        _fanOut.Watch("s", before);
        var record = Record(1, "s");
        _fanOut.Route(record);

        _fanOut.Close("s");
        _fanOut.Deliver([Hit(1, 0, 1)]);
        var after = new EventSubscription<HitRecord>(10, _ => { });
        _fanOut.Watch("s", after);

        Assert.Empty(await before.ReadAllAsync().ToListAsync());
        Assert.Empty(await after.ReadAllAsync().ToListAsync());
        Assert.Equal(1UL, record.Hits);
    }

    private static ReservationRecord Record(long id, string session) => new()
    {
        Id = id,
        Session = new SessionInfo(session, ClientKind.Perf, session, Privileged: true),
        Scope = Scope.OnCpu(0),
        Spec = new BreakpointSpec(0x1000, 8, Access.Write),
        Pool = Pool.Data,
        Pinned = true,
        Inherit = false,
        Label = string.Empty,
    };

    private static HitRecord Hit(long id, int cpu, ulong ip) =>
        new("h1", id, cpu, 1, ip, 0x1000, Access.Write, 0, 0, DateTimeOffset.UnixEpoch);
}
