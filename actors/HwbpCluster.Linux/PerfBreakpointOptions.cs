namespace HwbpCluster.Linux;

/// <summary>How a breakpoint's event and ring buffer are set up.</summary>
public sealed record PerfBreakpointOptions
{
    /// <summary>The defaults: 8 data pages (32 KiB, about 580 hits), wake the reader on every hit, start enabled.</summary>
    public static PerfBreakpointOptions Default { get; } = new();

    /// <summary>The bytes one hit's sample record takes in the breakpoint's own ring buffer, for sizing <see cref="RingDataPages"/>
    /// (in a task's shared ring a record takes 8 more: it names its breakpoint).</summary>
    public const int SampleBytes = Internal.PerfConstants.SampleRecordSize;

    /// <summary>Data pages of the ring buffer; a power of two. Default 8.</summary>
    /// <remarks>Each SAMPLE takes <see cref="SampleBytes"/>; when the buffer is full the kernel drops and counts new hits.</remarks>
    public int RingDataPages { get; init; } = 8;

    /// <summary>Wake the poller after this many hits (wakeup_events). Default 1: lowest latency.</summary>
    /// <remarks>Larger values raise the sustainable hit rate; the reader also drains on its poll timeout.</remarks>
    public uint WakeupEvents { get; init; } = 1;

    /// <summary>Arm the breakpoint enabled once its ring buffer is mapped. Default true.</summary>
    /// <remarks>A disabled breakpoint still holds its debug-register slot.</remarks>
    public bool StartEnabled { get; init; } = true;

    /// <summary>Skip the ring buffer: count hits with read() only. Default false.</summary>
    public bool CountOnly { get; init; }

    /// <summary>
    /// The kernel copies the breakpoint into every thread and process the watched thread creates later (inherit), and the
    /// ring gets a FORK or EXIT record for each of them (task), read as thread notices. Default false.
    /// </summary>
    /// <remarks>The kernel cannot map the ring of an inherited event on every CPU (cpu = -1): bind it to one CPU.</remarks>
    public bool Inherit { get; init; }
}
