namespace HwbpCluster.Linux.Internal;

/// <summary>One ring buffer for every breakpoint of a task: a software dummy event on the task owns the mapping, and each
/// breakpoint's samples are redirected into it (PERF_EVENT_IOC_SET_OUTPUT), each naming its event (PERF_SAMPLE_IDENTIFIER).</summary>
/// <remarks>
/// Why: an own ring costs each breakpoint an mmap and a munmap, and the munmap of a multi-threaded process flushes the TLB of
/// every CPU it runs on (3.4-3.8x the bare open+close, PERFORMANCE.md). A redirected breakpoint costs about 1.3x and frees its
/// slot at once on close. The dummy counts nothing and holds no debug-register slot.
/// </remarks>
internal sealed class TaskRing : IDisposable
{
    private readonly PerfEventHandle _owner;
    private readonly RingMapping _mapping;

    private unsafe TaskRing(int tid, PerfEventHandle owner, RingMapping mapping)
    {
        Tid = tid;
        _owner = owner;
        _mapping = mapping;
        Reader = new RingReader(mapping.ControlPage, eventId: 0, samplesNameTheirEvent: true);
    }

    public int Tid { get; }

    /// <summary>Drains every redirected breakpoint's records; hits carry their own event's id.</summary>
    public RingReader Reader { get; }

    public int Fd => _owner.Fd;

    /// <summary>Opens the dummy event on <paramref name="tid"/> and maps its ring; a refusal is the kernel's errno (negative).</summary>
    public static int TryOpen(int tid, int dataPages, out TaskRing? ring)
    {
        ring = null;
        var attr = new PerfEventAttr
        {
            Type = PerfConstants.TypeSoftware,
            Size = PerfConstants.AttrSize,
            Config = PerfConstants.CountSoftwareDummy,

            // The kernel redirects only between events on the same clock (perf_event_set_output).
            Flags = PerfConstants.FlagExcludeKernel | PerfConstants.FlagExcludeHv | PerfConstants.FlagUseClockId,
            ClockId = PerfConstants.ClockMonotonic,
        };
        int fd = PerfSyscalls.Open(attr, tid, -1);
        if (fd < 0)
        {
            return fd;
        }

        var owner = new PerfEventHandle(fd);
        int rc = RingMapping.TryMap(fd, dataPages, out RingMapping? mapping);
        if (rc != 0)
        {
            owner.Dispose();
            return rc;
        }

        ring = new TaskRing(tid, owner, mapping!);
        return 0;
    }

    /// <summary>Sends the samples of the breakpoint event <paramref name="fd"/> (same task, not mapped itself) here.</summary>
    public int Redirect(int fd) => PerfSyscalls.Ioctl(fd, PerfConstants.IocSetOutput, _owner.Fd);

    /// <summary>Unmaps and closes; every breakpoint redirected here must be closed and detached from its reader first.</summary>
    public void Dispose()
    {
        _mapping.Dispose();
        _owner.Dispose();
    }
}
