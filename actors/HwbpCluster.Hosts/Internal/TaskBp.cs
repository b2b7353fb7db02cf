using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One breakpoint as its task actor keeps it.</summary>
/// <param name="Id">The reservation.</param>
/// <param name="Spec">What it watches.</param>
/// <param name="Pool">Its pool.</param>
/// <param name="Cpu">The one CPU it applies on, or -1.</param>
/// <param name="Pinned">Counted (holds a slot) unless suspended; false: flexible.</param>
/// <param name="Inherit">Copied to children forked later.</param>
/// <param name="Suspended">Switched out by kgdb preemption: not counted, not armed.</param>
/// <param name="OriginalId">For a forked copy: the parent's reservation it copies; else 0.</param>
internal sealed record TaskBp(long Id, BreakpointSpec Spec, Pool Pool, int Cpu, bool Pinned, bool Inherit, bool Suspended, long OriginalId)
{
    public bool Counted => Pinned && !Suspended;

    public ArmedBreakpoint Armed => new(Id, Spec, Pool, Cpu, Pinned);
}
