using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>A request for one breakpoint on this host.</summary>
/// <param name="Scope">Where it applies.</param>
/// <param name="Spec">Address, length, access.</param>
/// <param name="Pinned">False: flexible, multiplexed through free slots (perf only).</param>
/// <param name="Inherit">Task scopes: tasks forked later get a copy.</param>
/// <param name="Label">Free text, shown in listings; fleet release selects by it.</param>
/// <param name="Wait">How long to wait in the host's queue for room; zero fails at once.</param>
public sealed record ReserveCommand(Scope Scope, BreakpointSpec Spec, bool Pinned, bool Inherit, string Label, TimeSpan Wait)
{
    /// <summary>
    /// Task scopes on a real backend: <c>name</c> or <c>name+offset</c> in the task's process, which the backend resolves into
    /// <see cref="Spec"/>'s address (and its length when that is 0) before admission; null for a raw address.
    /// </summary>
    public string? Symbol { get; init; }

    /// <summary>
    /// Set by the host on the task reservations a process scope expands into: the process and the group they form (released
    /// together). Null for any other reservation; a client never sets it (it asks with <see cref="Scope.ForProcess"/>).
    /// </summary>
    public ProcessMembership? Process { get; init; }
}

/// <summary>The process reservation a task reservation belongs to.</summary>
/// <param name="Pid">The process.</param>
/// <param name="Group">The process reservation's id: the id of its first task reservation, which the client was given.</param>
public sealed record ProcessMembership(long Pid, long Group);
