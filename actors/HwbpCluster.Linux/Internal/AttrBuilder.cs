namespace HwbpCluster.Linux.Internal;

/// <summary>Builds the perf_event_attr of a sampling hardware breakpoint (one sample per hit).</summary>
internal static class AttrBuilder
{
    // inherit: copy the event into threads and processes the watched one creates later, with FORK and EXIT records naming them.
    // namedSamples: each sample starts with the event's id, for a ring shared with other events (TaskRing).
    public static PerfEventAttr Build(BreakpointSpec spec, uint wakeupEvents, bool disabled, bool inherit = false, bool namedSamples = false)
    {
        var attr = new PerfEventAttr
        {
            Type = PerfConstants.TypeBreakpoint,
            Size = PerfConstants.AttrSize,
            SamplePeriod = 1,
            SampleType = namedSamples ? PerfConstants.SharedHitSampleType : PerfConstants.HitSampleType,
            ReadFormat = PerfConstants.HitReadFormat,
            Flags = PerfConstants.FlagExcludeHv | PerfConstants.FlagUseClockId,
            ClockId = PerfConstants.ClockMonotonic,
            WakeupEvents = wakeupEvents,
        };
        if (!spec.IsKernelAddress)
        {
            attr.Flags |= PerfConstants.FlagExcludeKernel;
        }

        if (inherit)
        {
            attr.Flags |= PerfConstants.FlagInherit | PerfConstants.FlagTask;
        }

        return Aim(attr, spec, disabled);
    }

    /// <summary>A copy of <paramref name="attr"/> changed only in bp_addr, bp_type, bp_len and disabled.</summary>
    /// <remarks>The kernel refuses a modification that changes any other field, exclude_kernel included.</remarks>
    public static PerfEventAttr Aim(PerfEventAttr attr, BreakpointSpec spec, bool disabled)
    {
        attr.BpAddr = spec.Address;
        attr.BpType = (uint)spec.Access;
        attr.BpLen = (ulong)spec.Length;
        attr.Flags = Set(attr.Flags, PerfConstants.FlagDisabled, disabled);
        return attr;
    }

    private static ulong Set(ulong flags, ulong bit, bool on) => on ? flags | bit : flags & ~bit;
}
