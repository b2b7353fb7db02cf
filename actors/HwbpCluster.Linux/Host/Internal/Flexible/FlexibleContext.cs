using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>The flexible reservations of one kernel target and pool, the pure core's rotation of them, and the carriers it has.</summary>
/// <remarks>Touched only under the multiplexer's lock.</remarks>
internal sealed class FlexibleContext(BreakpointTarget target, Pool pool, FlexibleRotation rotation)
{
    public BreakpointTarget Target { get; } = target;

    public Pool Pool { get; } = pool;

    /// <summary>Which members hold a carrier in each slice: the same policy as the simulated host's CPUs.</summary>
    public FlexibleRotation Rotation { get; } = rotation;

    public Dictionary<long, FlexibleMember> Members { get; } = [];

    /// <summary>The kernel events the rotation has now: as many as the kernel gives, never more than members or slots.</summary>
    public List<Carrier> Carriers { get; } = [];

    /// <summary>Before this host time, do not ask the kernel for another carrier (it said no, or a pinned one took it).</summary>
    public TimeSpan GrowAfter { get; set; }

    /// <summary>True if a pinned breakpoint on <paramref name="pinned"/> competes with this context's carriers for the kernel's slots.</summary>
    /// <remarks>Tasks never constrain each other; a CPU-bound breakpoint takes a slot from every task on its CPU.</remarks>
    public bool CompetesWith(BreakpointTarget pinned, Func<int, bool>? taskOfPinned = null)
    {
        bool sameCpu = pinned.Cpu < 0 || Target.Cpu < 0 || pinned.Cpu == Target.Cpu;
        if (pinned.IsCpu || Target.IsCpu)
        {
            return sameCpu;
        }

        return sameCpu && (Target.Pid == pinned.Pid || taskOfPinned?.Invoke(Target.Pid) == true);
    }
}
