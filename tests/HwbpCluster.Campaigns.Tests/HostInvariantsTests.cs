using HwbpCluster.Campaigns.Faults;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Tests;

/// <summary>The poller's checks find what they are meant to find, and nothing in a sound view.</summary>
public sealed class HostInvariantsTests
{
    [Fact]
    public void A_sound_view_breaks_nothing()
    {
        Assert.Empty(HostInvariants.Violations(Host(Cpu(0, "h1-0/1", "h1-0/2", "", ""))));
    }

    [Fact]
    public void Too_many_armed_a_slot_with_two_holders_one_reservation_twice_and_accounting_over_the_slots_are_each_found()
    {
        var overfull = Cpu(0, "a", "b", "c", "d", "e");
        var twoHolders = Cpu(1, "a", "b");
        twoHolders.Slots[1].Index = 0;
        var twice = Cpu(2, "a", "a");
        var accounting = Cpu(3);
        accounting.CpuPinned = 3;
        accounting.MaxTaskPinned = 2;

        var found = HostInvariants.Violations(Host(overfull, twoHolders, twice, accounting)).ToList();

        Assert.Equal(4, found.Count);
        Assert.Contains("h1-0 cpu 0: 5 breakpoints armed on 4 slots", found);
        Assert.Contains("h1-0 cpu 1: slot 0 held by a and b", found);
        Assert.Contains("h1-0 cpu 2: a armed in 2 slots", found);
        Assert.Contains("h1-0 cpu 3: accounting of 3 CPU-bound + 2 task-bound on 4 slots", found);
    }

    [Fact]
    public void A_reservation_still_armed_after_its_lease_deadline_is_found_and_not_before()
    {
        var deadlines = new LeaseDeadlines();
        var by = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);
        deadlines.Expect("h1-0/1", by);
        deadlines.Expect("h1-0/1", by.AddSeconds(5));
        var host = Host(Cpu(0, "h1-0/1", "h1-0/2"));

        Assert.Empty(deadlines.Violations(host, by));
        var late = Assert.Single(deadlines.Violations(host, by.AddMilliseconds(10)));
        Assert.StartsWith("h1-0 cpu 0: h1-0/1 still armed 10 ms after its lease ran out", late, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heal_before_a_cut_deadline_takes_it_back_and_leaves_passed_and_other_deadlines()
    {
        // A loaded machine may run a cut late and its heal on time: a cut shorter than a lease expires nothing.
        var deadlines = new LeaseDeadlines();
        var cut = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc);
        deadlines.Expect("h1-0/1", cut.AddSeconds(4.5), "n0 cut", cut: 0);
        deadlines.Expect("h1-0/2", cut.AddSeconds(1), "n0 cut", cut: 0);
        deadlines.Expect("h1-0/3", cut.AddSeconds(4.5), "session ended");
        deadlines.Expect("h1-0/4", cut.AddSeconds(4.5), "n1 cut", cut: 1);

        deadlines.Healed(0, cut.AddSeconds(2.4));

        var host = Host(Cpu(0, "h1-0/1", "h1-0/2", "h1-0/3", "h1-0/4"));
        var late = deadlines.Violations(host, cut.AddSeconds(10)).ToList();
        Assert.Equal(3, late.Count);
        Assert.DoesNotContain(late, v => v.Contains("h1-0/1 ", StringComparison.Ordinal));
    }

    private static HostState Host(params CpuView[] cpus) => new() { Host = "h1-0", DataSlots = 4, InstructionSlots = 4, SharedPool = true, Cpus = { cpus } };

    private static CpuView Cpu(uint cpu, params string[] holders) =>
        new() { Cpu = cpu, Slots = { holders.Select((h, i) => new SlotView { Index = (uint)i, ReservationId = h }) } };
}
