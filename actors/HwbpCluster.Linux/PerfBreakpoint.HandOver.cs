using System.Diagnostics;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

public sealed partial class PerfBreakpoint
{
    /// <summary>
    /// Re-aims the breakpoint at <paramref name="next"/> with an exact boundary between the two aims: the event is disabled,
    /// its count read, then re-aimed and enabled in one MODIFY_ATTRIBUTES. Every hit counted in <paramref name="before"/> is
    /// the old aim's, every later one the new aim's; a sample taken before <paramref name="boundaryNs"/> (CLOCK_MONOTONIC)
    /// is the old aim's, one after it the new aim's.
    /// </summary>
    /// <returns>The refusal, or null. On a refusal the breakpoint is left disabled on its old aim; the count is still read.</returns>
    public PerfFailure? TryHandOver(BreakpointSpec next, out PerfCounters before, out long boundaryNs)
    {
        before = default;
        boundaryNs = 0;
        if (SpecValidator.Validate(next) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_event.IsClosed, this);
            int rc = PerfSyscalls.Ioctl(_event.Fd, PerfConstants.IocDisable);
            if (rc != 0)
            {
                return PerfErrors.FromErrno(-rc, "ioctl(DISABLE)", Target, Spec);
            }

            _enabled = false;
            boundaryNs = MonotonicNanoseconds();
            rc = PerfSyscalls.ReadCounters(_event.Fd, out PerfReading reading);
            if (rc != 0)
            {
                return PerfErrors.FromErrno(-rc, "read", Target, Spec);
            }

            before = new PerfCounters(reading.Value, reading.Lost);

            // attr.disabled = 0 makes the kernel enable the event again after the change (perf_event_modify_breakpoint).
            PerfEventAttr aimed = AttrBuilder.Aim(_attr, next, disabled: false);
            rc = PerfSyscalls.Modify(_event.Fd, aimed);
            if (rc != 0)
            {
                return PerfErrors.FromErrno(-rc, "ioctl(MODIFY_ATTRIBUTES)", Target, next);
            }

            _attr = aimed;
            _enabled = true;
            return null;
        }
    }

    /// <summary>CLOCK_MONOTONIC in nanoseconds, the clock of the samples' times (Stopwatch is CLOCK_MONOTONIC on Linux).</summary>
    public static long MonotonicNanoseconds() => (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency);
}
