using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>Serializability: the batch's outcomes must equal those of the pure core taking the same requests in linearization order.</summary>
internal sealed partial class ScheduleRunner
{
    private string? Replay(List<ScheduleOp> batch)
    {
        foreach (var op in batch.Where(o => o.Kind != "run"))
        {
            // An optimistic round may see several CPUs refuse: the first refusal decides (later ones change nothing).
            var points = _probe.Points.Where(p => Matches(op, p.Operation)).ToArray();
            if (points.Length == 0 || points.Select(p => p.Succeeded).Distinct().Count() != 1 || (points[0].Succeeded && points.Length > 1))
            {
                return $"{op}: {points.Length} linearization points";
            }

            op.Order = points.Min(p => p.Sequence);
        }

        foreach (var op in batch.Where(o => o.Kind != "run").OrderBy(o => o.Order))
        {
            _history.Add($"{op} -> {(op.Task.IsCompletedSuccessfully ? "ok" : op.Task.Exception!.InnerException!.Message)}");
            if (Apply(op) is { } mismatch)
            {
                return $"{op}: {mismatch}";
            }
        }

        foreach (var op in batch.Where(o => o.Kind == "run"))
        {
            _history.Add($"{op} (not in the model)");
        }

        var actual = _t.List();
        if (actual.Count != _model.Reservations.Count)
        {
            return $"{actual.Count} reservations live, model has {_model.Reservations.Count}";
        }

        return actual.FirstOrDefault(v => v.State != ReservationStatus.Active) is { } odd ? $"r{odd.Id} is {odd.State}" : null;
    }

    private static bool Matches(ScheduleOp op, Hosts.Internal.Linearization point) => op.Kind switch
    {
        "reserve" => point.Operation == "reserve" && point.Label == op.Label,
        "release" or "modify" => point.Operation == op.Kind && point.ReservationId == op.Id,
        "fork" => point.Operation == "fork" && point.Tid == op.Tid && point.Child == op.Child,
        _ => point.Operation == "exit" && point.Tid == op.Tid,
    };

    private string? Apply(ScheduleOp op)
    {
        var ok = op.Task.IsCompletedSuccessfully;
        var error = ok ? (HostError?)null : (op.Task.Exception!.InnerException as HostException)?.Error;
        _refusals += error == HostError.NoRoom ? 1 : 0;
        switch (op.Kind)
        {
            case "reserve":
            {
                var request = new ReservationRequest(op.Client, op.Spec, op.Scope) { Inherit = op.Inherit, Privileged = op.Session != "gdb" };
                var decision = _model.TryReserve(request);
                if (decision.Outcome == Outcome.Admitted && ok)
                {
                    var view = ((Task<ReservationView>)op.Task).Result;
                    _live[view.Id] = new LiveReservation(decision.ReservationId, op.Session, op.Client, op.Scope, op.Spec, op.Inherit, op.Label);
                    return null;
                }

                return decision.Outcome == Outcome.NoRoom && error == HostError.NoRoom ? null : $"model {decision.Outcome}, host {Describe(op)}";
            }

            case "release":
            {
                var decision = _model.Release(_live[op.Id].ModelId);
                _live.Remove(op.Id);
                return decision.Outcome == Outcome.Done && ok ? null : $"model {decision.Outcome}, host {Describe(op)}";
            }

            case "modify":
            {
                var decision = _model.Modify(_live[op.Id].ModelId, op.Spec);
                if (decision.Outcome == Outcome.Done && ok)
                {
                    _live[op.Id] = _live[op.Id] with { Spec = op.Spec };
                    return null;
                }

                return decision.Outcome == Outcome.NoRoom && error == HostError.NoRoom ? null : $"model {decision.Outcome}, host {Describe(op)}";
            }

            case "fork":
                return ok ? ApplyFork(op) : $"host {Describe(op)}";
            default:
            {
                var decision = _model.Exit(op.Tid);
                _tasks.Remove(op.Tid);
                foreach (var id in _live.Where(l => l.Value.Scope.TaskId == op.Tid).Select(l => l.Key).ToArray())
                {
                    _live.Remove(id);
                }

                return decision.Outcome == Outcome.Done && ok ? null : $"model {decision.Outcome}, host {Describe(op)}";
            }
        }
    }

    // The copies are matched by label: each reserve has its own, and a copy keeps its original's.
    private string? ApplyFork(ScheduleOp op)
    {
        var originals = _live.Values
            .Where(l => l.Scope.TaskId == op.Tid && l.Inherit)
            .OrderBy(l => l.ModelId)
            .ToArray();
        var decision = _model.Fork(op.Tid, op.Child);
        if (decision.Outcome != Outcome.Done || decision.Affected.Count != originals.Length)
        {
            return $"model {decision.Outcome} with {decision.Affected.Count} copies for {originals.Length} inherited";
        }

        _tasks.Add(op.Child);
        var views = _t.List().Where(v => v.Scope.TaskId == op.Child).ToArray();
        for (var i = 0; i < originals.Length; i++)
        {
            var original = originals[i];
            var copy = views.SingleOrDefault(v => v.Label == original.Label);
            if (copy is null)
            {
                return $"no copy of {original.Label} on task {op.Child}; host has {string.Join(", ", _t.List().Select(v => $"r{v.Id} {v.Label} {v.Scope} {v.Inherit}"))}";
            }

            var scope = original.Scope.Kind == Arbitration.ScopeKind.TaskOnCpu
                ? Arbitration.Scope.ForTaskOnCpu(op.Child, original.Scope.Cpu)
                : Arbitration.Scope.ForTask(op.Child);
            _live[copy.Id] = original with { ModelId = decision.Affected[i], Scope = scope };
        }

        return views.Length == originals.Length ? null : $"{views.Length} copies on the host, {originals.Length} inherited in the model";
    }

    private static string Describe(ScheduleOp op) =>
        op.Task.IsCompletedSuccessfully ? "succeeded" : $"failed: {op.Task.Exception!.InnerException!.Message}";
}
