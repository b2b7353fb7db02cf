using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;
using HwbpCluster.Hosts.Tests.Support;

namespace HwbpCluster.Hosts.Tests.Model;

/// <summary>After every step: the same reservations in the same states, the same ledgers, and the rotation the pure rule gives.</summary>
internal sealed partial class SerialScheduleRunner
{
    private string? Compare()
    {
        if (_t.Failures.Count > 0)
        {
            return $"the host was taken out: {_t.Failures[0]}";
        }

        var views = _t.List().ToDictionary(v => v.Label, StringComparer.Ordinal);
        if (views.Count != _tracked.Count || views.Keys.FirstOrDefault(l => !_tracked.ContainsKey(l)) is { } stray)
        {
            return $"host lists {views.Count} reservations ({string.Join(", ", views.Keys)}), the model {_tracked.Count}";
        }

        foreach (var tracked in _tracked.Values.OrderBy(t => t.ModelId))
        {
            if (CompareOne(tracked, views.GetValueOrDefault(tracked.Label)) is { } mismatch)
            {
                return $"{tracked.Label}: {mismatch}";
            }
        }

        return LedgerComparison.Against(_t.Run(_t.Host.CountsAsync()), _model) ?? CompareRotation(views.Values);
    }

    private string? CompareOne(Tracked tracked, ReservationView? view)
    {
        if (view is null || !_model.TryGet(tracked.ModelId, out var modelled))
        {
            return view is null ? "the host no longer lists it" : "the model no longer has it";
        }

        var hostState = view.Queued ? ReservationState.Queued
            : view.State == ReservationStatus.Suspended ? ReservationState.Suspended
            : ReservationState.Active;
        if (hostState != modelled.State)
        {
            return $"model {modelled.State}, host {view.State}{(view.Queued ? " (queued)" : string.Empty)}";
        }

        if (tracked.Call is { } call)
        {
            // A waiting call ends exactly when the model serves the request.
            if (modelled.State == ReservationState.Queued)
            {
                return call.IsCompleted ? $"the model still queues it; its call {Describe(call)}" : null;
            }

            if (!call.IsCompletedSuccessfully || call.Result.Id != tracked.HostId)
            {
                return $"the model served it; its call is {Describe(call)}";
            }

            tracked.Call = null;
            Count("served from the queue");
        }

        if (view.Spec != modelled.Spec)
        {
            return $"model spec {modelled.Spec}, host {view.Spec}";
        }

        Count($"state {modelled.State}");
        return view.TimeRunning > view.TimeEnabled ? $"ran {view.TimeRunning} of {view.TimeEnabled} enabled" : null;
    }

    // No task runs, so a CPU arms its CPU-bound pinned reservations and, in the slots they leave, as many flexible ones as
    // fit (FlexibleRotation: min(free, members) run in every slice), each one of its own flexible reservations.
    private string? CompareRotation(IEnumerable<ReservationView> views)
    {
        var flexible = views.Where(v => !v.Pinned && v.State != ReservationStatus.Suspended).ToDictionary(v => v.Id);
        foreach (var cpu in _t.State().Cpus)
        {
            foreach (var pool in (ReadOnlySpan<Pool>)[Pool.Instruction, Pool.Data])
            {
                var slots = _profile.Slots(pool);
                if (slots == 0)
                {
                    continue;
                }

                var members = flexible.Values.Count(v => v.Scope.Cpu == cpu.Cpu && _profile.PoolOf(v.Spec.Access) == pool);
                var armed = cpu.Slots.Where(s => s.ReservationId != 0 && flexible.ContainsKey(s.ReservationId)
                    && _profile.PoolOf(s.Spec!.Value.Access) == pool).ToArray();
                var expected = Math.Min(slots - _model.CpuPinned(cpu.Cpu, pool), members);
                if (armed.Length != expected || armed.Any(s => flexible[s.ReservationId].Scope.Cpu != cpu.Cpu))
                {
                    return $"cpu {cpu.Cpu} {pool}: arms {armed.Length} flexible of {members}, the rotation runs {expected}";
                }

                Count(members > expected ? "rotation with more members than slots" : "rotation");
            }
        }

        return null;
    }
}
