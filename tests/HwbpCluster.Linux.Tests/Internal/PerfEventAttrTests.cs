using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux.Tests.Internal;

public sealed class PerfEventAttrTests
{
    [Fact]
    public void The_struct_is_the_128_byte_version_7_layout()
    {
        Assert.Equal(128, Unsafe.SizeOf<PerfEventAttr>());
        Assert.Equal(128, Marshal.SizeOf<PerfEventAttr>());
    }

    [Theory]
    [InlineData(nameof(PerfEventAttr.Type), 0)]
    [InlineData(nameof(PerfEventAttr.Size), 4)]
    [InlineData(nameof(PerfEventAttr.Config), 8)]
    [InlineData(nameof(PerfEventAttr.SamplePeriod), 16)]
    [InlineData(nameof(PerfEventAttr.SampleType), 24)]
    [InlineData(nameof(PerfEventAttr.ReadFormat), 32)]
    [InlineData(nameof(PerfEventAttr.Flags), 40)]
    [InlineData(nameof(PerfEventAttr.WakeupEvents), 48)]
    [InlineData(nameof(PerfEventAttr.BpType), 52)]
    [InlineData(nameof(PerfEventAttr.BpAddr), 56)]
    [InlineData(nameof(PerfEventAttr.BpLen), 64)]
    [InlineData(nameof(PerfEventAttr.BranchSampleType), 72)]
    [InlineData(nameof(PerfEventAttr.SampleRegsUser), 80)]
    [InlineData(nameof(PerfEventAttr.SampleStackUser), 88)]
    [InlineData(nameof(PerfEventAttr.ClockId), 92)]
    [InlineData(nameof(PerfEventAttr.SampleRegsIntr), 96)]
    [InlineData(nameof(PerfEventAttr.AuxWatermark), 104)]
    [InlineData(nameof(PerfEventAttr.SampleMaxStack), 108)]
    [InlineData(nameof(PerfEventAttr.AuxSampleSize), 112)]
    [InlineData(nameof(PerfEventAttr.SigData), 120)]
    public void Each_field_sits_at_the_kernel_offset(string field, int offset) =>
        Assert.Equal(offset, (int)Marshal.OffsetOf<PerfEventAttr>(field));

    [Fact]
    public void A_user_write_watch_samples_every_hit_with_the_documented_fields_and_flags()
    {
        PerfEventAttr attr = AttrBuilder.Build(new BreakpointSpec(0x1000, 8, BreakpointAccess.Write), wakeupEvents: 1, disabled: true);

        Assert.Equal(5u, attr.Type);
        Assert.Equal(128u, attr.Size);
        Assert.Equal(1UL, attr.SamplePeriod);
        Assert.Equal(0x18FUL, attr.SampleType);
        Assert.Equal(2u, attr.BpType);
        Assert.Equal(0x1000UL, attr.BpAddr);
        Assert.Equal(8UL, attr.BpLen);
        Assert.Equal(0x61UL | (1UL << 25), attr.Flags);
        Assert.Equal(1, attr.ClockId);
    }

    [Fact]
    public void A_kernel_address_clears_exclude_kernel()
    {
        PerfEventAttr attr = AttrBuilder.Build(new BreakpointSpec(0xffff_ffff_8100_0000, 8, BreakpointAccess.ReadWrite), 1, disabled: false);

        Assert.Equal(0UL, attr.Flags & PerfConstants.FlagExcludeKernel);
        Assert.Equal(0UL, attr.Flags & PerfConstants.FlagDisabled);
    }

    [Fact]
    public void Inherit_sets_the_inherit_and_task_bits_and_nothing_else()
    {
        var spec = new BreakpointSpec(0x1000, 8, BreakpointAccess.Write);

        ulong plain = AttrBuilder.Build(spec, 1, disabled: true).Flags;
        ulong inherited = AttrBuilder.Build(spec, 1, disabled: true, inherit: true).Flags;

        Assert.Equal((1UL << 1) | (1UL << 13), inherited ^ plain);
    }

    [Fact]
    public void Aim_changes_only_the_breakpoint_fields_and_the_disabled_bit()
    {
        PerfEventAttr original = AttrBuilder.Build(new BreakpointSpec(0x1000, 8, BreakpointAccess.Write), 4, disabled: true);

        PerfEventAttr aimed = AttrBuilder.Aim(original, new BreakpointSpec(0x2004, 4, BreakpointAccess.ReadWrite), disabled: false);
        PerfEventAttr back = AttrBuilder.Aim(aimed, new BreakpointSpec(0x1000, 8, BreakpointAccess.Write), disabled: true);

        Assert.Equal((0x2004UL, 4UL, 3u), (aimed.BpAddr, aimed.BpLen, aimed.BpType));
        Assert.Equal(original.Flags & ~PerfConstants.FlagDisabled, aimed.Flags);
        Assert.Equal(original, back);
    }
}
