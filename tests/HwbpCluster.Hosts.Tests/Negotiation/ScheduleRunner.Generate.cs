using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>Random operations: a task that exits in a batch is touched by nothing else in it, and each reservation by one operation at most.</summary>
internal sealed partial class ScheduleRunner
{
    private List<ScheduleOp> NewBatch(int size)
    {
        var batch = new List<ScheduleOp>();
        var exiting = new HashSet<long>();
        var touched = new HashSet<long>();
        var busyTasks = new HashSet<long>();
        for (var i = 0; i < size; i++)
        {
            var roll = _rng.Next(100);
            var free = _tasks.Where(t => !exiting.Contains(t)).ToArray();
            var targets = _live.Where(l => !touched.Contains(l.Key) && !exiting.Contains(l.Value.Scope.TaskId) && l.Value.Label != AnchorLabel)
                .Select(l => l.Key).ToArray();
            if (roll < 50 || (roll < 75 && targets.Length == 0))
            {
                if (NewReserve(free) is { } reserve)
                {
                    batch.Add(reserve);
                    busyTasks.Add(reserve.Scope.TaskId);
                }
            }
            else if (roll < 65)
            {
                var id = targets[_rng.Next(targets.Length)];
                touched.Add(id);
                busyTasks.Add(_live[id].Scope.TaskId);
                batch.Add(new ScheduleOp { Kind = "release", Id = id });
            }
            else if (roll < 75)
            {
                var id = targets[_rng.Next(targets.Length)];
                touched.Add(id);
                busyTasks.Add(_live[id].Scope.TaskId);
                var live = _live[id];
                batch.Add(new ScheduleOp { Kind = "modify", Id = id, Spec = NewSpec(live.Client, live.Scope) });
            }
            else if (roll < 83 && free.Length > 0)
            {
                var parent = free[_rng.Next(free.Length)];
                var child = ++_nextTid;
                busyTasks.Add(parent);
                batch.Add(new ScheduleOp { Kind = "fork", Tid = parent, Child = child });
            }
            else if (roll < 90 && free.Except(busyTasks).ToArray() is { Length: > 1 } candidates)
            {
                var tid = candidates[_rng.Next(candidates.Length)];
                exiting.Add(tid);
                batch.Add(new ScheduleOp { Kind = "exit", Tid = tid });
            }
            else if (free.Length > 0)
            {
                var tid = _rng.Next(5) == 0 ? 0 : free[_rng.Next(free.Length)];
                busyTasks.Add(tid);
                batch.Add(new ScheduleOp { Kind = "run", Tid = tid, Cpu = _rng.Next(_profile.CpuCount) });
            }
        }

        return batch;
    }

    private ScheduleOp? NewReserve(long[] tasks)
    {
        var label = $"L{++_labels}";
        var cpu = _rng.Next(_profile.CpuCount);
        if (_rng.Next(2) == 0 && tasks.Length > 0)
        {
            var tid = tasks[_rng.Next(tasks.Length)];
            var ptrace = _kgdb || _rng.Next(2) == 0;
            var scope = ptrace || _rng.Next(2) == 0 ? Scope.ForTask(tid) : Scope.ForTaskOnCpu(tid, cpu);
            var client = ptrace ? ClientKind.Ptrace : ClientKind.Perf;
            return new ScheduleOp
            {
                Kind = "reserve", Session = ptrace ? "gdb" : "perf", Client = client, Scope = scope, Spec = NewSpec(client, scope),
                Inherit = _rng.Next(2) == 0, Label = label,
            };
        }

        var kind = _kgdb ? ClientKind.Kgdb : ClientKind.Perf;
        var cpuScope = _kgdb && _rng.Next(3) == 0 ? Scope.AllCpus : Scope.OnCpu(cpu);
        return new ScheduleOp
        {
            Kind = "reserve", Session = _kgdb ? "kgdb" : "perf", Client = kind, Scope = cpuScope, Spec = NewSpec(kind, cpuScope), Label = label,
        };
    }

    // Valid for the arch and the client; execute specs land in the instruction pool where there is one (none on POWER).
    private BreakpointSpec NewSpec(ClientKind client, Scope scope)
    {
        var kernel = client == ClientKind.Kgdb;
        var user = 0x10_0000UL + ((ulong)_rng.Next(64) * 8);
        var address = kernel ? _profile.KernelSpaceStart + 0x1000 + ((ulong)_rng.Next(64) * 8) : user;
        var execute = _rng.Next(3) == 0;
        return _profile.Architecture switch
        {
            Architecture.X86_64 => execute ? new BreakpointSpec(address, 1, Access.Execute) : new BreakpointSpec(address, 8, Access.Write),
            Architecture.Arm64 => execute ? new BreakpointSpec(address, 4, Access.Execute) : new BreakpointSpec(address, 8, Access.ReadWrite),
            _ => execute && !scope.IsTaskBound ? new BreakpointSpec(address, 4, Access.Execute) : new BreakpointSpec(address, 8, Access.Write),
        };
    }
}
