using HwbpCluster.Arbitration.Registers;

namespace HwbpCluster.Arbitration.Tests.Registers;

public sealed class Dr7Tests
{
    [Fact]
    public void Slot_0_write_of_4_bytes_is_0x000D0202() =>
        Assert.Equal(0x000D0202UL, Dr7.Encode([new BreakpointSpec(0x1000, 4, Access.Write)]));

    [Fact]
    public void Slot_3_read_write_of_8_bytes_is_0xB0000280() =>
        Assert.Equal(0xB0000280UL, Dr7.Encode([null, null, null, new BreakpointSpec(0x1000, 8, Access.ReadWrite)]));

    [Fact]
    public void Slot_2_write_of_2_bytes_is_0x05000220() =>
        Assert.Equal(0x05000220UL, Dr7.Encode([null, null, new BreakpointSpec(0x1000, 2, Access.Write)]));

    [Fact]
    public void An_empty_slot_file_is_zero_without_GE() => Assert.Equal(0UL, Dr7.Encode([null, null, null, null]));

    [Fact]
    public void Execute_breakpoints_use_length_00_whatever_length_perf_passed() =>
        Assert.Equal(Dr7.Encode([new BreakpointSpec(0x40_0000, 1, Access.Execute)]), Dr7.Encode([new BreakpointSpec(0x40_0000, 8, Access.Execute)]));

    [Fact]
    public void Slots_combine_and_decode_back()
    {
        var dr7 = Dr7.Encode([new BreakpointSpec(0x1000, 4, Access.Write), null, new BreakpointSpec(0x2000, 2, Access.Write), new BreakpointSpec(0x3000, 8, Access.ReadWrite)]);
        Assert.Equal(0x000D0202UL | 0xB0000280UL | 0x05000220UL, dr7);
        Assert.False(Dr7.IsEnabled(dr7, 1));
        Assert.Equal((Access.ReadWrite, 8), Dr7.Decode(dr7, 3));
        Assert.Equal((Access.Write, 2), Dr7.Decode(dr7, 2));
    }

    [Fact]
    public void Read_alone_cannot_be_encoded() =>
        Assert.Throws<ArgumentException>(() => Dr7.Encode([new BreakpointSpec(0x1000, 4, Access.Read)]));

    [Fact]
    public void Dr6_sets_the_hit_bit_of_the_slot_and_BS_for_single_step()
    {
        Assert.Equal(0b0100UL, Dr6.ForHit(2));
        Assert.Equal(0x4009UL, Dr6.ForHits(0b1001, singleStep: true));
        Assert.True(Dr6.HitOn(Dr6.Raw(Dr6.ForHit(3)), 3));
        Assert.False(Dr6.HitOn(Dr6.Raw(Dr6.ForHit(3)), 0));
    }
}
