using HwbpCluster.Arbitration.Registers;

namespace HwbpCluster.Arbitration.Tests.Registers;

public sealed class Arm64ControlTests
{
    private static readonly ArchProfile Arm = ArchProfile.Arm64(4);

    [Fact]
    public void A_user_execute_breakpoint_selects_4_bytes_at_EL0()
    {
        var slot = Arm64Control.Encode(Arm, new BreakpointSpec(0x40_0000, 4, Access.Execute));
        // BAS 0xF at bits 5-12, PMC EL0 (10) at bits 1-2, enabled.
        Assert.Equal(new Arm64Slot(Pool.Instruction, 0x40_0000, (0xFu << 5) | (2u << 1) | 1u), slot);
    }

    [Fact]
    public void An_unaligned_user_watchpoint_aligns_the_value_and_shifts_the_byte_select()
    {
        var slot = Arm64Control.Encode(Arm, new BreakpointSpec(0x1003, 2, Access.Write));
        // Bytes 3 and 4 of the doubleword at 0x1000: BAS 0b0001_1000, LSC store (10).
        Assert.Equal(new Arm64Slot(Pool.Data, 0x1000, (0x18u << 5) | (2u << 3) | (2u << 1) | 1u), slot);
    }

    [Fact]
    public void A_kernel_read_write_watchpoint_uses_EL1_both_load_store_bits_and_HMC_under_VHE()
    {
        var slot = Arm64Control.Encode(Arm, new BreakpointSpec(0xFFFF_8000_0000_1000, 8, Access.ReadWrite), kernelInHypMode: true);
        Assert.Equal(0xFFFF_8000_0000_1000UL, slot.Value);
        Assert.Equal((0xFFu << 5) | (3u << 3) | (1u << 1) | 1u | (1u << 13), slot.Control);
    }

    [Fact]
    public void A_disabled_read_watchpoint_keeps_its_shape_without_the_enable_bit()
    {
        var slot = Arm64Control.Encode(Arm, new BreakpointSpec(0x2000, 1, Access.Read), enabled: false);
        Assert.Equal((0x1u << 5) | (1u << 3) | (2u << 1), slot.Control);
    }
}
