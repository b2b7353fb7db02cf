using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests;

public sealed class EventsTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public EventsTests() => _t.Open("perf", ClientKind.Perf);

    [Fact]
    public async Task Every_state_change_is_published_with_its_reason_to_the_sessions_feed()
    {
        var feed = _t.Host.WatchReservations("perf", 16);
        var a = _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000));
        _t.Run(_t.Host.ModifyAsync("perf", a.Id, Specs.ReadWrite(0x1008)));
        _t.Run(_t.Host.ReleaseAsync("perf", a.Id));
        var b = _t.Reserve("perf", Scope.OnCpu(1), Specs.Write(0x2000));

        var reasons = await _t.CloseAndReadAsync("perf", feed);

        Assert.Equal([$"r{a.Id} reserved", $"r{a.Id} modified", $"r{a.Id} released", $"r{b.Id} reserved", $"r{b.Id} session-closed"], reasons);
    }

    [Fact]
    public async Task A_slow_reader_loses_the_newest_events_and_they_are_counted()
    {
        var feed = _t.Host.WatchReservations("perf", 2);
        for (var i = 0; i < 5; i++)
        {
            _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000 + (ulong)(8 * i)), pinned: false);
        }

        _t.System.RunUntilIdle();

        Assert.Equal(3, feed.Dropped);
        await feed.DisposeAsync();
        Assert.Equal(2, (await feed.ReadAllAsync().ToArrayAsync()).Length);
    }

    [Fact]
    public async Task A_feed_for_an_unknown_session_completes_at_once()
    {
        var feed = _t.Host.WatchHits("nobody", 4);
        _t.System.RunUntilIdle();

        Assert.Empty(await feed.ReadAllAsync().ToArrayAsync());
    }
}
