using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>struct perf_event_attr up to sig_data (PERF_ATTR_SIZE_VER7, 128 bytes); identical on x86-64 and arm64.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PerfEventAttr
{
    [FieldOffset(0)] public uint Type;
    [FieldOffset(4)] public uint Size;
    [FieldOffset(8)] public ulong Config;
    [FieldOffset(16)] public ulong SamplePeriod;
    [FieldOffset(24)] public ulong SampleType;
    [FieldOffset(32)] public ulong ReadFormat;
    [FieldOffset(40)] public ulong Flags;
    [FieldOffset(48)] public uint WakeupEvents;
    [FieldOffset(52)] public uint BpType;
    [FieldOffset(56)] public ulong BpAddr;
    [FieldOffset(64)] public ulong BpLen;
    [FieldOffset(72)] public ulong BranchSampleType;
    [FieldOffset(80)] public ulong SampleRegsUser;
    [FieldOffset(88)] public uint SampleStackUser;
    [FieldOffset(92)] public int ClockId;
    [FieldOffset(96)] public ulong SampleRegsIntr;
    [FieldOffset(104)] public uint AuxWatermark;
    [FieldOffset(108)] public ushort SampleMaxStack;
    [FieldOffset(112)] public uint AuxSampleSize;
    [FieldOffset(120)] public ulong SigData;
}
