using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>A flexible reservation on the Linux host: it has no kernel event of its own; its contexts' carriers hold it in turns.</summary>
/// <remarks>Touched only under the multiplexer's lock.</remarks>
internal sealed class FlexibleMember(long id, string sessionId, Scope scope, Arbitration.BreakpointSpec spec, BreakpointTarget[] targets, TimeSpan joined)
{
    public long Id { get; } = id;

    public string SessionId { get; } = sessionId;

    public Scope Scope { get; } = scope;

    public Arbitration.BreakpointSpec Spec { get; set; } = spec;

    /// <summary>One rotation membership per kernel target (one for a task or a CPU, one per CPU for all-cpus).</summary>
    public BreakpointTarget[] Targets { get; } = targets;

    /// <summary>The pool its rotations are in (fixed: a modification may not move it to another).</summary>
    public Pool Pool { get; init; }

    /// <summary>When it joined its rotations (host time since the multiplexer started).</summary>
    public TimeSpan Joined { get; } = joined;

    /// <summary>Hits the kernel counted on carriers that held it and have handed it over since.</summary>
    public ulong HitsDone { get; set; }

    /// <summary>Time carriers held it, over the holds that have ended.</summary>
    public TimeSpan RunningDone { get; set; }

    /// <summary>Hits lost on the way to watchers while a carrier held it.</summary>
    public HitLosses Losses { get; set; }
}
