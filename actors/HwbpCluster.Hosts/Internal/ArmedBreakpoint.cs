using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>A breakpoint a CPU may arm: pinned ones take a slot, flexible ones join the CPU's rotation.</summary>
/// <param name="Id">The reservation.</param>
/// <param name="Spec">What to watch.</param>
/// <param name="Pool">Its pool.</param>
/// <param name="Cpu">The one CPU it applies on, or -1 for every CPU.</param>
/// <param name="Pinned">Holds a slot (true) or is multiplexed (false).</param>
internal sealed record ArmedBreakpoint(long Id, BreakpointSpec Spec, Pool Pool, int Cpu, bool Pinned)
{
    public bool AppliesOn(int cpu) => Cpu < 0 || Cpu == cpu;
}
