using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Registers;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Simulation;

public sealed class AccessHitTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public AccessHitTests()
    {
        _t.Open("perf", ClientKind.Perf);
        _t.Spawn(10);
        _t.Run(_t.Sim.RunTaskAsync(10, 1));
    }

    [Fact]
    public void Write_hits_a_write_watch_whose_range_it_overlaps_and_reports_the_given_ip_and_dr6()
    {
        var view = _t.Reserve("perf", Scope.ForTask(10), Specs.Write(0x1000, 8));

        var hits = _t.Run(_t.Sim.AccessAsync(10, 0x1006, 4, Access.Write, 0x40_1234));

        var hit = Assert.Single(hits);
        Assert.Equal((view.Id, 1, 10L, 0x40_1234UL, 0x1006UL, 0), (hit.ReservationId, hit.Cpu, hit.Tid, hit.Ip, hit.Address, hit.Slot));
        Assert.Equal(Dr6.ForHit(0), hit.Dr6);
        Assert.Equal(1UL, _t.List().Single().Hits);
    }

    [Fact]
    public void Read_hits_read_write_watches_but_not_write_watches()
    {
        _t.Reserve("perf", Scope.ForTask(10), Specs.Write(0x1000, 8));
        var rw = _t.Reserve("perf", Scope.ForTask(10), Specs.ReadWrite(0x1000, 8));

        var hits = _t.Run(_t.Sim.AccessAsync(10, 0x1000, 1, Access.Read, 0x40_0000));

        Assert.Equal([rw.Id], hits.Select(h => h.ReservationId));
    }

    [Fact]
    public void Write_hitting_two_slots_sets_both_hit_bits_in_dr6()
    {
        _t.Reserve("perf", Scope.ForTask(10), Specs.Write(0x1000, 8));
        _t.Reserve("perf", Scope.OnCpu(1), Specs.ReadWrite(0x1004, 4));

        var hits = _t.Run(_t.Sim.AccessAsync(10, 0x1004, 2, Access.Write, 0x40_0000));

        Assert.Equal(2, hits.Count);
        Assert.All(hits, h => Assert.Equal(Dr6.ForHits(0b11), h.Dr6));
    }

    [Fact]
    public void Execute_hits_only_at_the_exact_address_and_access_outside_the_range_misses()
    {
        var x = _t.Reserve("perf", Scope.ForTask(10), Specs.Execute(0x40_1000));
        _t.Reserve("perf", Scope.ForTask(10), Specs.Write(0x2000, 2));

        Assert.Empty(_t.Run(_t.Sim.AccessAsync(10, 0x40_1001, 1, Access.Execute, 0x40_1001)));
        Assert.Empty(_t.Run(_t.Sim.AccessAsync(10, 0x2002, 8, Access.Write, 0x40_0000)));
        Assert.Empty(_t.Run(_t.Sim.AccessAsync(10, 0x40_1000, 1, Access.Write, 0x40_0000)));
        Assert.Equal([x.Id], _t.Run(_t.Sim.AccessAsync(10, 0x40_1000, 1, Access.Execute, 0x40_1000)).Select(h => h.ReservationId));
    }

    [Fact]
    public void Access_by_a_task_that_is_not_running_is_a_failed_precondition()
    {
        _t.Spawn(11);

        Assert.Equal(HostError.FailedPrecondition, _t.Fails(_t.Sim.AccessAsync(11, 0x1000, 1, Access.Write, 0)).Error);
    }

    [Fact]
    public async Task Hits_are_published_to_the_sessions_hit_feed()
    {
        var feed = _t.Host.WatchHits("perf", 16);
        var view = _t.Reserve("perf", Scope.ForTask(10), Specs.Write(0x1000, 8));
        _t.Run(_t.Sim.AccessAsync(10, 0x1000, 8, Access.Write, 0x40_0010));
        _t.Run(_t.Host.CloseSessionAsync("perf", "session-closed"));

        _t.System.RunUntilQuiescent();

        var received = await feed.ReadAllAsync().ToArrayAsync();
        Assert.Equal([view.Id], received.Select(h => h.ReservationId));
    }
}
