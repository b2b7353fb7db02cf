using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The host actor's registry entry of one reservation.</summary>
internal sealed class ReservationRecord
{
    public required long Id { get; init; }

    public required SessionInfo Session { get; init; }

    public required Scope Scope { get; init; }

    public required BreakpointSpec Spec { get; set; }

    public required Pool Pool { get; set; }

    public required bool Pinned { get; init; }

    public required bool Inherit { get; init; }

    public required string Label { get; init; }

    // The process reservation this task reservation is part of (inherited copies keep it); null for any other.
    public ProcessMembership? Process { get; init; }

    // The one field written off the host actor's turn: the CPU actor that saw a hit counts it (HitFanOut).
    private long _hits;

    /// <summary>Hits seen while it was live.</summary>
    public ulong Hits => (ulong)Interlocked.Read(ref _hits);

    public void CountHit() => Interlocked.Increment(ref _hits);

    /// <summary>Suspended by kgdb preemption: holds no slot until resumed.</summary>
    public bool Preempted { get; set; }

    /// <summary>Released (or its session closed) while a suspension, restore or queued try was in flight: that try must give back what it took.</summary>
    public bool Dropped { get; set; }

    /// <summary>A restore is in flight: a second one (settling and a failed preemption both restore) must not count it twice.</summary>
    public bool Restoring { get; set; }

    /// <summary>A release that came while a restore was in flight: runs once the restore has given its room back.</summary>
    public Action? AfterRestore { get; set; }

    /// <summary>Its caller stopped waiting while it was being decided or tried: whatever it gets is given back at once.</summary>
    public bool Withdrawn { get; set; }

    /// <summary>Waiting in the host's queue.</summary>
    public bool Queued { get; set; }

    /// <summary>The CPUs whose guest suspended it.</summary>
    public HashSet<int> GuestCpus { get; } = [];

    /// <summary>The request's caller, answered when it is decided, served or its wait runs out; a withdrawal names it.</summary>
    public IActorRef<Reply<ReservationView>>? Waiter { get; set; }

    public TimerHandle? WaitTimer { get; set; }

    /// <summary>How long it was allowed to wait in the queue, named when the wait runs out.</summary>
    public TimeSpan WaitLimit { get; set; }

    /// <summary>Flexible: times of the rotation memberships that ended.</summary>
    public FlexibleTimes FlexDone { get; set; }

    /// <summary>Flexible: times of the current membership (one CPU at a time).</summary>
    public FlexibleTimes FlexCurrent { get; set; }

    /// <summary>Adds a CPU's report of its rotation times (final: the reservation left that CPU's rotation).</summary>
    public void AddFlexTimes(FlexibleTimes times, bool final)
    {
        if (final)
        {
            FlexDone = new(FlexDone.Enabled + times.Enabled, FlexDone.Running + times.Running);
            FlexCurrent = default;
        }
        else
        {
            FlexCurrent = times;
        }
    }

    public ReservationStatus Status => Queued || Preempted || GuestCpus.Count > 0 ? ReservationStatus.Suspended
        : Pinned ? ReservationStatus.Active : ReservationStatus.Multiplexed;

    public ReservationView View(string host, ReservationStatus? status = null)
    {
        var enabled = FlexDone.Enabled + FlexCurrent.Enabled;
        var running = FlexDone.Running + FlexCurrent.Running;
        var state = status ?? Status;
        return new ReservationView(Id, host, Session.SessionId, Session.Kind, Scope, Spec, Pinned, Inherit, Label, state, Hits, enabled, running)
        {
            Queued = Queued && state == ReservationStatus.Suspended,
            Process = Process,
        };
    }
}
