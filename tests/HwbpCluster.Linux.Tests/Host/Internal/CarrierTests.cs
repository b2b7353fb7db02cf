using HwbpCluster.Linux.Host.Internal.Flexible;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Internal;

/// <summary>A carrier credits each hold with its hits and time, and routes a sample by its time to the member held then.</summary>
[Collection(HardwareCollection.Name)]
public sealed class CarrierTests
{
    private static readonly Arbitration.BreakpointSpec Spec = new(0x1000, 8, Arbitration.Access.Write);

    [HardwareFact]
    public void A_sample_goes_to_the_member_held_at_its_time_and_each_hold_is_credited_with_its_own_hits_and_time()
    {
        using var rig = new WatchRig();
        PerfBreakpoint kernelEvent = rig.Watch(0, 8, BreakpointAccess.Write);
        FlexibleMember a = Member(1), b = Member(2), c = Member(3);
        var carrier = new Carrier(kernelEvent, a, TimeSpan.FromMilliseconds(10));

        carrier.Settle(5, TimeSpan.FromMilliseconds(14));
        carrier.Take(b, 1_000_000);
        carrier.Settle(12, TimeSpan.FromMilliseconds(18));
        carrier.Take(c, 2_000_000);

        Assert.Equal((5UL, TimeSpan.FromMilliseconds(4)), (a.HitsDone, a.RunningDone));
        Assert.Equal((7UL, TimeSpan.FromMilliseconds(4)), (b.HitsDone, b.RunningDone));
        Assert.Same(c, carrier.Holds);
        Assert.Equal(12UL, carrier.Base);
        Assert.Same(a, carrier.HolderAt(999_999));
        Assert.Same(b, carrier.HolderAt(1_000_000));
        Assert.Same(b, carrier.HolderAt(1_999_999));
        Assert.Same(c, carrier.HolderAt(2_000_000));
    }

    [HardwareFact]
    public void Holds_older_than_a_second_before_the_newest_are_forgotten_but_the_last_of_them_still_routes_late_samples()
    {
        using var rig = new WatchRig();
        PerfBreakpoint kernelEvent = rig.Watch(0, 8, BreakpointAccess.Write);
        FlexibleMember[] members = [.. Enumerable.Range(1, 5).Select(i => Member(i))];
        var carrier = new Carrier(kernelEvent, members[0], TimeSpan.Zero);

        carrier.Take(members[1], 1_000_000_000);
        carrier.Take(members[2], 1_500_000_000);
        carrier.Take(members[3], 2_600_000_000);
        carrier.Take(members[4], 2_700_000_000);

        Assert.Same(members[2], carrier.HolderAt(500));
        Assert.Same(members[2], carrier.HolderAt(2_000_000_000));
        Assert.Same(members[3], carrier.HolderAt(2_650_000_000));
        Assert.Same(members[4], carrier.HolderAt(3_000_000_000));
    }

    private static FlexibleMember Member(long id) =>
        new(id, "s", Arbitration.Scope.ForTask(1), Spec, [BreakpointTarget.Task(1)], TimeSpan.Zero);
}
