using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Arbitration.Host;

/// <summary>Fork: the child gets copies of the parent's inherited task breakpoints.</summary>
public sealed partial class HostArbiter
{
    /// <summary>Task <paramref name="parentTaskId"/> forks <paramref name="childTaskId"/>: copies of the parent's Inherit breakpoints become the child's.</summary>
    /// <remarks>
    /// All or nothing: if the child's pinned copies do not all fit, none is kept and the outcome is NoRoom, which the caller
    /// turns into a failed fork, as Linux fails the fork when event inheritance fails. A fresh child always fits (its counts
    /// equal a subset of the parent's, which fit), so this only guards against a child that already holds breakpoints.
    /// Suspended originals are copied suspended; queued ones are not copied. The copies are listed in <see cref="Decision.Affected"/>.
    /// </remarks>
    public Decision Fork(long parentTaskId, long childTaskId)
    {
        if (childTaskId <= 0 || childTaskId == parentTaskId)
        {
            var rule = ValidationResult.Invalid("child", "child-is-new", $"child task {childTaskId} must be a new, positive task id");
            return Rejected(rule, 0);
        }

        if (!_tasks.TryGetValue(parentTaskId, out var parent))
        {
            return new Decision(Outcome.Done, 0, string.Empty);
        }

        var originals = parent.Breakpoints
            .Select(b => _reservations[b.ReservationId])
            .Where(r => r.Request.Inherit && r.State != ReservationState.Queued)
            .OrderBy(r => r.Id)
            .ToArray();
        var copies = new List<Reservation>(originals.Length);
        foreach (var original in originals)
        {
            var copy = CopyFor(original, childTaskId);
            Register(copy);
            copies.Add(copy);
            if (copy.State == ReservationState.Suspended)
            {
                _suspended.Add(copy.Id);
            }
            else if (copy.Request.Pinned && !TryActivate(copy, out var holders))
            {
                UndoCopies(copies);
                return new Decision(Outcome.NoRoom, 0, $"fork of task {parentTaskId}: the child's inherited copies do not fit: {holders}")
                {
                    Holders = holders,
                };
            }
        }

        return new Decision(Outcome.Done, 0, string.Empty) { Affected = copies.Select(c => c.Id).ToArray() };
    }

    private Reservation CopyFor(Reservation original, long childTaskId)
    {
        var scope = original.Request.Scope;
        var childScope = scope.Kind == ScopeKind.TaskOnCpu ? Scope.ForTaskOnCpu(childTaskId, scope.Cpu) : Scope.ForTask(childTaskId);
        var request = original.Request with { Scope = childScope, Spec = original.Spec, MayWait = false };
        return new Reservation(_nextId++, request, original.Spec, original.Pool, original.State);
    }

    private void UndoCopies(List<Reservation> copies)
    {
        for (var i = copies.Count - 1; i >= 0; i--)
        {
            var copy = _reservations[copies[i].Id];
            if (copy.IsCounted && _tasks[copy.Request.Scope.TaskId].TryGet(copy.Id, out var breakpoint) && breakpoint.Counted)
            {
                Deactivate(copy);
            }

            _suspended.Remove(copy.Id);
            Unregister(copy);
        }
    }
}
