namespace HwbpCluster.Linux.Internal;

/// <summary>perf_event ABI numbers: attr values, ioctls, mmap layout and record types (include/uapi/linux/perf_event.h).</summary>
internal static class PerfConstants
{
    public const uint TypeSoftware = 1;
    public const uint TypeBreakpoint = 5;
    public const ulong CountSoftwareDummy = 9;
    public const uint AttrSize = 128;

    public const ulong SampleIp = 0x1;
    public const ulong SampleTid = 0x2;
    public const ulong SampleTime = 0x4;
    public const ulong SampleAddr = 0x8;
    public const ulong SampleCpu = 0x80;
    public const ulong SamplePeriod = 0x100;
    public const ulong SampleIdentifier = 0x10000;
    public const ulong HitSampleType = SampleIp | SampleTid | SampleTime | SampleAddr | SampleCpu | SamplePeriod;

    // In a ring that several events share, each sample names its event first (PERF_SAMPLE_IDENTIFIER).
    public const ulong SharedHitSampleType = SampleIdentifier | HitSampleType;

    public const ulong FormatTotalTimeEnabled = 0x1;
    public const ulong FormatTotalTimeRunning = 0x2;
    public const ulong FormatLost = 0x10;

    // read() layout with this format: value, time_enabled, time_running, lost (u64 each).
    public const ulong HitReadFormat = FormatTotalTimeEnabled | FormatTotalTimeRunning | FormatLost;

    public const ulong FlagDisabled = 1UL << 0;
    public const ulong FlagInherit = 1UL << 1;
    public const ulong FlagExcludeKernel = 1UL << 5;
    public const ulong FlagTask = 1UL << 13;
    public const ulong FlagExcludeHv = 1UL << 6;
    public const ulong FlagUseClockId = 1UL << 25;

    public const int ClockMonotonic = 1;
    public const nint FlagFdCloexec = 8;

    public const nuint IocEnable = 0x2400;
    public const nuint IocDisable = 0x2401;
    public const nuint IocSetOutput = 0x2405;
    public const nuint IocId = 0x80082407;
    public const nuint IocModifyAttributes = 0x4008240b;

    public const int PageSize = 4096;
    public const int MetaDataHeadOffset = 1024;
    public const int MetaDataTailOffset = 1032;
    public const int MetaDataOffsetOffset = 1040;
    public const int MetaDataSizeOffset = 1048;

    public const uint RecordLost = 2;
    public const uint RecordExit = 4;
    public const uint RecordFork = 7;
    public const int TaskRecordSize = 32;
    public const uint RecordThrottle = 5;
    public const uint RecordUnthrottle = 6;
    public const uint RecordSample = 9;
    public const int SampleRecordSize = 56;
    public const int SharedSampleRecordSize = 64;
    public const int LostRecordSize = 24;
}
