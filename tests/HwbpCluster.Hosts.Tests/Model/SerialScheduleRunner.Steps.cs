using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Hosts.Tests.Model;

/// <summary>Random steps, and each one carried out on the host and in the model.</summary>
internal sealed partial class SerialScheduleRunner
{
    private SerialStep NextStep()
    {
        var roll = _rng.Next(100);
        var wait = _rng.Next(3) == 0 ? TimeSpan.FromMilliseconds(_rng.Next(5, 40)) : TimeSpan.Zero;
        if (roll < 45 || _tracked.Count == 0)
        {
            var label = $"L{++_labels}";
            var cpu = _rng.Next(_profile.CpuCount);
            var tid = _tasks[_rng.Next(_tasks.Count)];
            return _rng.Next(6) switch
            {
                0 => new SerialStep("reserve") { Session = "gdb", Client = ClientKind.Ptrace, Scope = Scope.ForTask(tid), Wait = wait },
                1 => new SerialStep("reserve") { Session = "perf", Client = ClientKind.Perf, Scope = Scope.OnCpu(cpu), Wait = wait },
                2 => new SerialStep("reserve") { Session = "perf", Client = ClientKind.Perf, Scope = Scope.OnCpu(cpu), Pinned = false },
                3 => new SerialStep("reserve")
                {
                    Session = "perf", Client = ClientKind.Perf, Scope = _rng.Next(2) == 0 ? Scope.ForTask(tid) : Scope.ForTaskOnCpu(tid, cpu), Wait = wait,
                },
                _ => new SerialStep("reserve")
                {
                    Session = "kgdb", Client = ClientKind.Kgdb, Scope = _rng.Next(3) == 0 ? Scope.AllCpus : Scope.OnCpu(cpu), Wait = wait,
                },
            } is var step ? step with { Label = label, Spec = NewSpec(step.Client) } : throw new InvalidOperationException();
        }

        var target = _tracked.Values.ElementAt(_rng.Next(_tracked.Count));
        if (roll < 65)
        {
            return new SerialStep("release") { Label = target.Label };
        }

        if (roll < 75)
        {
            return new SerialStep("modify") { Label = target.Label, Spec = NewSpec(target.Client) };
        }

        return roll < 82
            ? new SerialStep("exit") { Tid = _tasks[_rng.Next(_tasks.Count)] }
            : new SerialStep("time") { By = TimeSpan.FromMilliseconds(_rng.Next(3) == 0 ? _rng.Next(20, 60) : _rng.Next(1, 12)) };
    }

    // Valid for the arch and the client; kgdb watches kernel text and data, the others user space.
    private BreakpointSpec NewSpec(ClientKind client)
    {
        var offset = (ulong)_rng.Next(64) * 8;
        var address = client == ClientKind.Kgdb ? _profile.KernelSpaceStart + 0x1000 + offset : 0x10_0000UL + offset;
        var execute = _rng.Next(3) == 0;
        return _profile.Architecture switch
        {
            Architecture.X86_64 => execute ? new BreakpointSpec(address, 1, Access.Execute) : new BreakpointSpec(address, 8, Access.Write),
            Architecture.Arm64 => execute ? new BreakpointSpec(address, 4, Access.Execute) : new BreakpointSpec(address, 8, Access.ReadWrite),
            _ => new BreakpointSpec(address, 8, Access.Write),
        };
    }

    private string? Apply(SerialStep step) => step.Kind switch
    {
        "reserve" => Reserve(step),
        "release" => Release(_tracked[step.Label]),
        "modify" => Modify(_tracked[step.Label], step.Spec),
        "exit" => Exit(step.Tid),
        _ => PassTime(step.By),
    };

    private string? Reserve(SerialStep step)
    {
        var request = new ReservationRequest(step.Client, step.Spec, step.Scope)
        {
            Pinned = step.Pinned, Privileged = step.Session != "gdb", MayWait = step.Wait > TimeSpan.Zero,
        };
        var decision = _model.TryReserve(request);
        var call = _t.Host.ReserveAsync(step.Session, new ReserveCommand(step.Scope, step.Spec, step.Pinned, false, step.Label, step.Wait));
        _t.System.RunUntilIdle();
        Count($"reserve {decision.Outcome}{(decision.Suspended.Count > 0 ? " preempting" : string.Empty)}{(step.Pinned ? string.Empty : " flexible")}");
        switch (decision.Outcome)
        {
            case Outcome.Admitted when call.IsCompletedSuccessfully:
                _tracked[step.Label] = new Tracked(step, decision.ReservationId) { HostId = call.Result.Id };
                return null;
            case Outcome.Queued when !call.IsCompleted:
                var queued = _t.List().SingleOrDefault(v => v.Label == step.Label);
                if (queued is null)
                {
                    return "the model queued it; the host lists no such request";
                }

                _tracked[step.Label] = new Tracked(step, decision.ReservationId)
                {
                    HostId = queued.Id, Call = call, Deadline = _t.System.Time.GetUtcNow() + step.Wait,
                };
                return null;
            case Outcome.NoRoom when ErrorOf(call) == HostError.NoRoom:
                return null;
            default:
                return $"model {decision.Outcome}, host {Describe(call)}";
        }
    }

    private string? Release(Tracked target)
    {
        var decision = _model.Release(target.ModelId);
        var call = _t.Host.ReleaseAsync(target.Session, target.HostId);
        _t.System.RunUntilIdle();
        _tracked.Remove(target.Label);
        Count(target.Call is null ? "release" : "release of a waiting request");
        if (target.Call is { } waiting && ErrorOf(waiting) != HostError.FailedPrecondition)
        {
            return $"the released request's call is {Describe(waiting)}";
        }

        return decision.Outcome == Outcome.Done && call.IsCompletedSuccessfully ? null : $"model {decision.Outcome}, host {Describe(call)}";
    }

    private string? Modify(Tracked target, BreakpointSpec spec)
    {
        var decision = _model.Modify(target.ModelId, spec);
        var call = _t.Host.ModifyAsync(target.Session, target.HostId, spec);
        _t.System.RunUntilIdle();
        Count($"modify {decision.Outcome}");
        return (decision.Outcome, ErrorOf(call)) switch
        {
            (Outcome.Done, null) when call.IsCompletedSuccessfully => null,
            (Outcome.NoRoom, HostError.NoRoom) => null,
            _ => $"model {decision.Outcome}, host {Describe(call)}",
        };
    }

    private string? Exit(long tid)
    {
        var decision = _model.Exit(tid);
        var call = _t.Sim.ExitTaskAsync(tid);
        _t.System.RunUntilIdle();
        _tasks.Remove(tid);
        _tasks.Add(_t.Spawn(++_nextTid));
        Count("exit");
        foreach (var gone in _tracked.Values.Where(r => r.Scope.IsTaskBound && r.Scope.TaskId == tid).ToArray())
        {
            _tracked.Remove(gone.Label);
            if (gone.Call is { } waiting && ErrorOf(waiting) != HostError.NotFound)
            {
                return $"{gone.Label} waited on the exiting task; its call is {Describe(waiting)}";
            }
        }

        return decision.Outcome == Outcome.Done && call.IsCompletedSuccessfully ? null : $"model {decision.Outcome}, host {Describe(call)}";
    }

    // Waits that run out leave the queue, in deadline order, as a release of the request does in the model.
    private string? PassTime(TimeSpan by)
    {
        var until = _t.System.Time.GetUtcNow() + by;
        var expiring = _tracked.Values.Where(r => r.Call is { IsCompleted: false } && r.Deadline <= until).OrderBy(r => r.Deadline).ToArray();
        _t.System.AdvanceTime(by);
        foreach (var expired in expiring)
        {
            _model.Release(expired.ModelId);
            _tracked.Remove(expired.Label);
            Count("wait expired");
            if (ErrorOf(expired.Call!) != HostError.WaitExpired)
            {
                return $"{expired.Label}'s wait ran out; its call is {Describe(expired.Call!)}";
            }
        }

        Count("time passes");
        return null;
    }

    private static HostError? ErrorOf(Task call) =>
        call.IsFaulted ? (call.Exception!.InnerException as HostException)?.Error : null;

    private static string Describe(Task call) =>
        call.IsCompletedSuccessfully ? "succeeded" : call.IsCompleted ? $"failed: {call.Exception?.InnerException?.Message ?? "cancelled"}" : "still waiting";
}
