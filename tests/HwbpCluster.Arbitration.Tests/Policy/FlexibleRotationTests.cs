using FsCheck.Fluent;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Arbitration.Tests.Policy;

public sealed class FlexibleRotationTests
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(4);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    private static FlexibleRotation WithMembers(int members, int free)
    {
        var rotation = new FlexibleRotation(Slice);
        for (var id = 1; id <= members; id++)
        {
            rotation.Add(id, TimeSpan.Zero);
        }

        rotation.Advance(TimeSpan.Zero, free);
        return rotation;
    }

    [Fact]
    public void One_free_slot_is_handed_round_the_ring_one_slice_each()
    {
        var rotation = WithMembers(3, free: 1);
        Assert.Equal([1L], rotation.Running);
        rotation.Advance(Ms(4), 1);
        Assert.Equal([2L], rotation.Running);
        rotation.Advance(Ms(8), 1);
        Assert.Equal([3L], rotation.Running);
        rotation.Advance(Ms(12), 1);
        Assert.Equal([1L], rotation.Running);
        Assert.All(new long[] { 1, 2, 3 }, id => Assert.Equal(new FlexibleTimes(Ms(12), Ms(4)), rotation.TimesOf(id)));
    }

    [Fact]
    public void Two_free_slots_move_the_window_on_by_two()
    {
        var rotation = WithMembers(3, free: 2);
        Assert.Equal([1L, 2L], rotation.Running);
        rotation.Advance(Ms(4), 2);
        Assert.Equal([3L, 1L], rotation.Running);
    }

    [Fact]
    public void When_there_is_room_for_all_every_member_runs_all_the_time()
    {
        var rotation = WithMembers(2, free: 3);
        rotation.Advance(Ms(10), 3);
        Assert.Equal([1L, 2L], rotation.Running);
        Assert.Equal(new FlexibleTimes(Ms(10), Ms(10)), rotation.TimesOf(2));
    }

    [Fact]
    public void Without_free_slots_members_stay_enabled_but_never_run()
    {
        var rotation = WithMembers(2, free: 0);
        rotation.Advance(Ms(40), 0);
        Assert.Empty(rotation.Running);
        Assert.Equal(new FlexibleTimes(Ms(40), TimeSpan.Zero), rotation.TimesOf(1));
    }

    [Fact]
    public void Removing_a_member_returns_its_final_times_and_the_rotation_goes_on_with_the_next()
    {
        var rotation = WithMembers(3, free: 1);
        rotation.Advance(Ms(6), 1);
        Assert.Equal([2L], rotation.Running);
        Assert.Equal(new FlexibleTimes(Ms(6), Ms(4)), rotation.Remove(1, Ms(6)));
        Assert.Equal([2L], rotation.Running);
        Assert.Null(rotation.Remove(1, Ms(6)));
    }

    [Fact]
    public void A_count_is_scaled_by_enabled_over_running_time() =>
        Assert.Equal(300, new FlexibleTimes(Ms(12), Ms(4)).Scale(100));

    [Fact]
    public void Time_never_goes_backwards() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WithMembers(1, 1).Advance(TimeSpan.FromTicks(-1), 1));

    [Fact]
    public void Every_member_gets_a_fair_share_within_one_slice_however_time_is_cut() =>
        Properties.Check(
            from members in Gen.Choose(1, 8)
            from free in Gen.Choose(0, 10)
            from steps in Gen.ArrayOf(Gen.Choose(1, 3 * (int)Slice.Ticks), 200)
            select (members, free, steps),
            input =>
            {
                var (members, free, steps) = input;
                var cut = WithMembers(members, free);
                var whole = WithMembers(members, free);
                var now = TimeSpan.Zero;
                foreach (var step in steps)
                {
                    now += TimeSpan.FromTicks(step);
                    cut.Advance(now, free);
                }

                whole.Advance(now, free);
                var times = Enumerable.Range(1, members).Select(id => cut.TimesOf(id)!.Value).ToArray();
                var running = times.Select(t => t.Running.Ticks).ToArray();
                Assert.All(times, t => Assert.Equal(now, t.Enabled));
                Assert.All(times, t => Assert.True(t.Running <= t.Enabled));
                Assert.Equal(Math.Min(free, members) * now.Ticks, running.Sum());
                Assert.True(running.Max() - running.Min() <= Slice.Ticks, $"shares differ by more than a slice: {string.Join(",", running)}");
                Assert.Equal(times, Enumerable.Range(1, members).Select(id => whole.TimesOf(id)!.Value));
                Assert.Equal(whole.Running, cut.Running);
                return true;
            },
            maxTest: 200,
            seed: 0x5EED_0004);
}
