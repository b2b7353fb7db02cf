using System.Numerics;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host;

/// <summary>How a <see cref="LinuxHost"/> sets up its perf events and its hit reader.</summary>
public sealed record LinuxHostOptions
{
    /// <summary>The defaults: the profile detected from the machine, 8 ring pages per event, a wakeup per hit.</summary>
    public static LinuxHostOptions Default { get; } = new();

    /// <summary>The arch profile the accounting uses; null (the default) detects it from the machine.</summary>
    /// <remarks>x86-64: 4 shared slots on every online CPU; arm64: the data slots the kernel grants a fresh thread.</remarks>
    public ArchProfile? Profile { get; init; }

    /// <summary>Data pages of each ring buffer (a power of two). Default 8, about 510 unread hits.</summary>
    /// <remarks>A pinned breakpoint on a task (not inherited) writes to its task's ring, shared with the task's other such
    /// breakpoints; others (inherited, process, CPU, flexible) have a ring each.</remarks>
    public int RingDataPages { get; init; } = 8;

    /// <summary>How long a task's ring stays open after its last breakpoint closes, for the next one. Default 10 s.</summary>
    /// <remarks>A debugger removes and inserts its watchpoints at every stop; the ring's mmap and munmap are most of what a
    /// breakpoint costs the kernel (PERFORMANCE.md).</remarks>
    public TimeSpan TaskRingLinger { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Wake the reader after this many hits of one event (wakeup_events). Default 1.</summary>
    /// <remarks>
    /// 1 reads each write's value right after its hit, and costs the writing thread a kernel wakeup per hit (about 20 µs on a
    /// paravirtualised guest, measured: a C writer's 70 k writes/s fall to 27-31 k). Larger values let a thread that hits
    /// often run near its count-only speed; the reader then drains every N hits or at its poll timeout, so values are
    /// read up to N hits (or the poll timeout) late.
    /// </remarks>
    public uint WakeupEvents { get; init; } = 1;

    /// <summary>
    /// The defaults with a wakeup every <paramref name="hits"/> hits, and each event's ring raised from its 8 pages to the
    /// fewest (a power of two) that hold sixteen wakeups' hits.
    /// </summary>
    /// <remarks>
    /// The reader drains at each wakeup, but a managed thread can be held up for some milliseconds (a collection suspends it):
    /// with the 8 default pages (about nine wakeups of 64) the ring overflowed in 2 of about 20 rounds at 60 k hits/s; with
    /// sixteen wakeups' room it has not since.
    /// </remarks>
    public static LinuxHostOptions ForHitWakeup(uint hits)
    {
        ArgumentOutOfRangeException.ThrowIfZero(hits);
        uint pages = (uint)Math.Ceiling(16.0 * hits * Linux.Internal.PerfConstants.SharedSampleRecordSize / Environment.SystemPageSize);
        return Default with { WakeupEvents = hits, RingDataPages = Math.Max(Default.RingDataPages, (int)BitOperations.RoundUpToPowerOf2(pages)) };
    }

    /// <summary>The actor system the accounting host runs on (the node's); null starts one that the host owns.</summary>
    public Akka.Actor.ActorSystem? Actors { get; init; }

    /// <summary>The longest a Reserve may wait for room; longer is INVALID_ARGUMENT. Default ten minutes.</summary>
    public TimeSpan MaxWait { get; init; } = SimulatedHostOptions.DefaultMaxWait;

    /// <summary>Start even where the probe finds that breakpoints are accepted but never fire. Default false: refuse to start.</summary>
    /// <remarks>For someone who knows better (a hypervisor that delivers debug exceptions only to some code, say): the host starts,
    /// and its description carries the probe's finding as a warning.</remarks>
    public bool AllowSilentHardware { get; init; }

    /// <summary>The first reservation id (<see cref="Hosts.SimulatedHostOptions.FirstReservationId"/>); default 1.</summary>
    public long FirstReservationId { get; init; } = 1;

    /// <summary>Length of a multiplexing time slice for flexible reservations; perf's 4 ms by default.</summary>
    public TimeSpan FlexibleSlice { get; init; } = Arbitration.Policy.FlexibleRotation.DefaultSlice;

    /// <summary>Buffering and poll timeout of the host's single hit reader thread.</summary>
    public HitReaderOptions Reader { get; init; } = HitReaderOptions.Default;
}
