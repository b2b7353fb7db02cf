using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

public sealed partial class PerfBreakpoint
{
    /// <summary>Makes the breakpoint fire; throws <see cref="PerfException"/> if the kernel refuses.</summary>
    public void Enable() => ThrowIfFailed(TryEnable());

    /// <summary>Pauses the breakpoint; it keeps its slot. Throws <see cref="PerfException"/> if the kernel refuses.</summary>
    public void Disable() => ThrowIfFailed(TryDisable());

    /// <summary>Re-aims the breakpoint; throws <see cref="PerfException"/> if the kernel refuses.</summary>
    public void Modify(BreakpointSpec spec) => ThrowIfFailed(TryModify(spec));

    /// <summary>Makes the breakpoint fire; returns the refusal, or null.</summary>
    public PerfFailure? TryEnable() => SetEnabled(true);

    /// <summary>Pauses the breakpoint (it keeps its slot); returns the refusal, or null.</summary>
    public PerfFailure? TryDisable() => SetEnabled(false);

    /// <summary>Re-aims the armed breakpoint in place (address, length, access), keeping its slot and enabled state.</summary>
    /// <returns>The refusal, or null. A refused modification leaves the breakpoint as it was.</returns>
    public PerfFailure? TryModify(BreakpointSpec spec)
    {
        if (SpecValidator.Validate(spec) is { } invalid)
        {
            return invalid;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_event.IsClosed, this);
            PerfEventAttr next = AttrBuilder.Aim(_attr, spec, disabled: !_enabled);
            int rc = PerfSyscalls.Modify(_event.Fd, next);
            if (rc != 0)
            {
                // The kernel disables the event around a modification and re-enables it from the event's own attr.disabled,
                // which is still 1 from the open (ENABLE does not clear it): a refusal would leave it silently disabled.
                if (_enabled)
                {
                    _ = PerfSyscalls.Ioctl(_event.Fd, PerfConstants.IocEnable);
                }

                return PerfErrors.FromErrno(-rc, "ioctl(MODIFY_ATTRIBUTES)", Target, spec);
            }

            _attr = next;
            return null;
        }
    }

    /// <summary>The kernel's exact hit count, and samples dropped because the ring buffer was full.</summary>
    public PerfCounters ReadCounters()
    {
        PerfReading reading = Read();
        return new PerfCounters(reading.Value, reading.Lost);
    }

    /// <summary>The kernel's time_enabled and time_running of this event so far.</summary>
    public PerfTimes ReadTimes()
    {
        PerfReading reading = Read();
        return new PerfTimes(FromNanoseconds(reading.EnabledNs), FromNanoseconds(reading.RunningNs));
    }

    /// <summary>The kernel's exact hit count so far.</summary>
    public ulong ReadCount() => ReadCounters().Hits;

    private PerfFailure? SetEnabled(bool enabled)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_event.IsClosed, this);
            int rc = PerfSyscalls.Ioctl(_event.Fd, enabled ? PerfConstants.IocEnable : PerfConstants.IocDisable);
            if (rc != 0)
            {
                return PerfErrors.FromErrno(-rc, enabled ? "ioctl(ENABLE)" : "ioctl(DISABLE)", Target, Spec);
            }

            _enabled = enabled;
            _attr.Flags = enabled ? _attr.Flags & ~PerfConstants.FlagDisabled : _attr.Flags | PerfConstants.FlagDisabled;
            return null;
        }
    }

    private PerfReading Read()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_event.IsClosed, this);
            int rc = PerfSyscalls.ReadCounters(_event.Fd, out PerfReading reading);
            return rc == 0 ? reading : throw new PerfException(PerfErrors.FromErrno(-rc, "read", Target, Spec));
        }
    }

    private static TimeSpan FromNanoseconds(ulong ns) => TimeSpan.FromTicks((long)(ns / (1_000_000_000 / TimeSpan.TicksPerSecond)));

    private static void ThrowIfFailed(PerfFailure? failure)
    {
        if (failure is not null)
        {
            throw new PerfException(failure);
        }
    }
}
