using HwbpCluster.Arbitration.Registers;

namespace HwbpCluster.Arbitration.Tests.Registers;

public sealed class SlotFileTests
{
    [Fact]
    public void Newcomers_take_the_lowest_free_slots()
    {
        var file = new SlotFile(4);
        Assert.Equal([(0, 0L, 7L), (1, 0L, 9L)], file.Arrange([7, 9]));
        Assert.Equal(1, file.SlotOf(9));
    }

    [Fact]
    public void Reservations_that_stay_armed_keep_their_slot_so_only_changed_registers_are_rewritten()
    {
        var file = new SlotFile(4);
        file.Arrange([1, 2, 3]);
        var changes = file.Arrange([3, 4, 1]);
        Assert.Equal([(1, 2L, 4L)], changes);
        Assert.Equal((0, 2), (file.SlotOf(1), file.SlotOf(3)));
    }

    [Fact]
    public void Arming_nothing_clears_every_slot()
    {
        var file = new SlotFile(2);
        file.Arrange([5, 6]);
        Assert.Equal([(0, 5L, 0L), (1, 6L, 0L)], file.Arrange([]));
    }

    [Fact]
    public void More_reservations_than_slots_is_an_error() =>
        Assert.Throws<ArgumentException>(() => new SlotFile(1).Arrange([1, 2]));
}
