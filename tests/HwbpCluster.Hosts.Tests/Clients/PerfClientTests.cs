using HwbpCluster.Arbitration;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Clients;

public sealed class PerfClientTests
{
    private readonly TestHost _t = new(ArchProfile.X86_64(2));

    public PerfClientTests()
    {
        _t.Open("perf", ClientKind.Perf);
        _t.Spawn(1);
    }

    [Fact]
    public void Flexible_reservations_rotate_through_the_free_slots_and_report_enabled_and_running_times()
    {
        _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1000));
        _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x1008));
        var flexible = Enumerable.Range(0, 6).Select(i => _t.Reserve("perf", Scope.OnCpu(0), Specs.Write(0x2000 + (ulong)(8 * i)), pinned: false)).ToArray();

        _t.System.AdvanceTime(TimeSpan.FromMilliseconds(48));

        var views = _t.List().Where(v => !v.Pinned).ToArray();
        Assert.All(views, v => Assert.Equal(ReservationStatus.Multiplexed, v.State));
        Assert.All(views, v => Assert.Equal(TimeSpan.FromMilliseconds(48), v.TimeEnabled));
        // 2 free slots shared by 6 over 12 slices of 4 ms: each runs 4 slices.
        Assert.All(views, v => Assert.Equal(TimeSpan.FromMilliseconds(16), v.TimeRunning));
        Assert.Equal(4, _t.State().Cpus[0].Slots.Count(s => s.ReservationId != 0));
        Assert.Equal(flexible.Length, views.Length);
    }

    [Fact]
    public void Flexible_reservations_take_no_slot_from_pinned_ones()
    {
        for (var i = 0; i < 3; i++)
        {
            _t.Reserve("perf", Scope.OnCpu(1), Specs.Write(0x2000 + (ulong)(8 * i)), pinned: false);
        }

        for (var i = 0; i < 4; i++)
        {
            _t.Reserve("perf", Scope.OnCpu(1), Specs.Write(0x1000 + (ulong)(8 * i)));
        }

        _t.System.AdvanceTime(TimeSpan.FromMilliseconds(8));

        Assert.All(_t.List().Where(v => !v.Pinned), v => Assert.Equal(TimeSpan.Zero, v.TimeRunning));
        Assert.Equal(4, _t.State().Cpus[1].CpuPinned);
    }

    [Fact]
    public void Flexible_task_reservation_runs_only_while_its_task_runs()
    {
        var view = _t.Reserve("perf", Scope.ForTask(1), Specs.Write(0x3000), pinned: false);
        _t.System.AdvanceTime(TimeSpan.FromMilliseconds(8));
        _t.Run(_t.Sim.RunTaskAsync(1, 1));

        _t.System.AdvanceTime(TimeSpan.FromMilliseconds(12));
        var hits = _t.Run(_t.Sim.AccessAsync(1, 0x3000, 8, Access.Write, 0x40_0000));
        _t.Run(_t.Sim.RunTaskAsync(0, 1));
        _t.System.AdvanceTime(TimeSpan.FromMilliseconds(8));

        var listed = _t.List().Single();
        Assert.Equal([view.Id], hits.Select(h => h.ReservationId));
        Assert.Equal((TimeSpan.FromMilliseconds(12), TimeSpan.FromMilliseconds(12)), (listed.TimeEnabled, listed.TimeRunning));
        Assert.Equal(1UL, listed.Hits);
    }
}
