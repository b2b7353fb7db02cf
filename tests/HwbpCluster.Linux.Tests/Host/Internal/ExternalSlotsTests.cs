using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Tests.Host.Internal;

public sealed class ExternalSlotsTests
{
    [Fact]
    public void Our_use_of_a_cpu_is_its_cpu_bound_events_plus_the_most_one_task_has_there()
    {
        BreakpointTarget[] installed =
        [
            BreakpointTarget.OnCpu(1), BreakpointTarget.OnCpu(0),
            BreakpointTarget.Task(10), BreakpointTarget.Task(10), new BreakpointTarget(10, 1), new BreakpointTarget(11, 1),
        ];

        Assert.Equal(1 + 2, ExternalSlots.Ours(installed, 0));
        Assert.Equal(1 + 3, ExternalSlots.Ours(installed, 1));
        Assert.Equal(0, ExternalSlots.Ours([], 1));
    }

    [Fact]
    public void A_refusal_shows_the_slots_ours_leave_free_as_held_outside_until_a_grant_on_that_cpu()
    {
        var external = new ExternalSlots(cpuCount: 2, slots: 4);

        external.Refused(1, ours: 1);
        Assert.Equal((0, 3), (external.On(0), external.On(1)));

        external.Granted(0);
        Assert.Equal(3, external.On(1));

        external.Granted(1);
        Assert.Equal(0, external.On(1));
        Assert.Equal(0, external.On(7));
    }
}
