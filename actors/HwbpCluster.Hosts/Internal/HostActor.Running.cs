namespace HwbpCluster.Hosts.Internal;

/// <summary>Context switches (who runs where is decided here, armed by the task's actor on its CPU) and simulated accesses.</summary>
internal sealed partial class HostActor
{
    private void OnRun(HostMsg.Run run)
    {
        if (NoSuchCpu(run.Cpu) is { } noCpu)
        {
            run.Reply.Tell(Fail<bool>(HostError.NotFound, noCpu));
            return;
        }

        TaskEntry? entry = null;
        if (run.Tid != 0 && !_tasks.TryGetValue(run.Tid, out entry))
        {
            run.Reply.Tell(Fail<bool>(HostError.NotFound, $"task {run.Tid} does not exist on host {_host.Name}"));
            return;
        }

        if (entry is not null && entry.RunningCpu >= 0 && entry.RunningCpu != run.Cpu)
        {
            _cpuRunning[entry.RunningCpu] = 0;
            _host.Cpus[entry.RunningCpu].Tell(new CpuMsg.Idle(run.Tid));
        }

        var previous = _cpuRunning[run.Cpu];
        if (previous != 0 && previous != run.Tid && _tasks.TryGetValue(previous, out var displaced))
        {
            displaced.RunningCpu = -1;
            displaced.Actor.Tell(new TaskMsg.RunOn(-1, null));
        }

        _cpuRunning[run.Cpu] = run.Tid;
        var done = Then<bool>(_ => run.Reply.Tell(Reply<bool>.Ok(true)));
        if (entry is null)
        {
            _host.Cpus[run.Cpu].Tell(new CpuMsg.Switch(new TaskArmed(0, []), done));
            return;
        }

        entry.RunningCpu = run.Cpu;
        entry.Actor.Tell(new TaskMsg.RunOn(run.Cpu, done));
    }

    private void OnAccess(HostMsg.Access access)
    {
        if (!_tasks.TryGetValue(access.Tid, out var entry))
        {
            access.Reply.Tell(Fail<IReadOnlyList<HitRecord>>(HostError.NotFound, $"task {access.Tid} does not exist on host {_host.Name}"));
            return;
        }

        if (entry.RunningCpu < 0)
        {
            access.Reply.Tell(Fail<IReadOnlyList<HitRecord>>(HostError.FailedPrecondition, $"task {access.Tid} is not running; RunTask it first"));
            return;
        }

        _host.Cpus[entry.RunningCpu].Tell(new CpuMsg.Access(access.Tid, access.Address, access.Length, access.Kind, access.Ip,
            Then<IReadOnlyList<HitRecord>>(hits => access.Reply.Tell(Reply<IReadOnlyList<HitRecord>>.Ok(hits)))));
    }
}
