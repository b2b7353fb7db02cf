using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>A reservation as clients see it.</summary>
/// <param name="Id">Unique on its host (ids are per host; the node qualifies them with the host name on the wire).</param>
/// <param name="Host">The host's name.</param>
/// <param name="SessionId">The owning session.</param>
/// <param name="Kind">The owning session's client kind.</param>
/// <param name="Scope">Where it applies.</param>
/// <param name="Spec">Current address, length, access.</param>
/// <param name="Pinned">Holds a slot (true) or is multiplexed (false).</param>
/// <param name="Inherit">Copied to tasks forked later.</param>
/// <param name="Label">Free text.</param>
/// <param name="State">Where it stands now.</param>
/// <param name="Hits">Hits so far.</param>
/// <param name="TimeEnabled">Time since admission (flexible reservations: to scale counts).</param>
/// <param name="TimeRunning">Time actually armed.</param>
public sealed record ReservationView(
    long Id, string Host, string SessionId, ClientKind Kind, Scope Scope, BreakpointSpec Spec, bool Pinned, bool Inherit, string Label,
    ReservationStatus State, ulong Hits, TimeSpan TimeEnabled, TimeSpan TimeRunning)
{
    /// <summary>Hits that happened but reached no watcher, by cause (real backends).</summary>
    public HitLosses Losses { get; init; }

    /// <summary>Waiting in the host's queue for room (its state is <see cref="ReservationStatus.Suspended"/>, and it holds nothing
    /// yet); false for one suspended by a guest borrow or a preemption, which held room before.</summary>
    public bool Queued { get; init; }

    /// <summary>Hits scaled to the whole enabled time (Hits × TimeEnabled / TimeRunning), as perf scales a multiplexed count;
    /// Hits itself for a pinned reservation, or a flexible one that never ran.</summary>
    public ulong ScaledHits => Pinned ? Hits : (ulong)new Arbitration.Policy.FlexibleTimes(TimeEnabled, TimeRunning).Scale((long)Hits);

    /// <summary>Set when this task reservation is one task's part of a process reservation (its process and group id).</summary>
    public ProcessMembership? Process { get; init; }
}
