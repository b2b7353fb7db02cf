using System.Diagnostics.CodeAnalysis;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>The host's tasks: their actors, tids (also those of children being forked and tasks exiting), and who runs where.</summary>
/// <remarks>Who runs where is decided here and armed by the task's actor on its CPU.</remarks>
internal sealed class TaskTable(HostTurn turn)
{
    private readonly Dictionary<long, TaskEntry> _tasks = [];
    private readonly HashSet<long> _forking = [];
    private readonly Dictionary<long, IActorRef<TaskMsg>> _exiting = [];
    private readonly long[] _cpuRunning = new long[turn.Profile.CpuCount];
    private long _nextTid = 1000;

    public bool Exists(long tid) => _tasks.ContainsKey(tid);

    public bool TryGet(long tid, [MaybeNullWhen(false)] out TaskEntry entry) => _tasks.TryGetValue(tid, out entry);

    /// <summary>The actor of a live or exiting task.</summary>
    public IActorRef<TaskMsg> ActorOf(long tid) => _tasks.TryGetValue(tid, out var entry) ? entry.Actor : _exiting[tid];

    /// <summary>The live tasks process <paramref name="pid"/> covers (the pure core's rule; empty when it is not a live task).</summary>
    public IReadOnlyList<long> ProcessTasks(long pid) =>
        Arbitration.Policy.ProcessMembers.Of(pid, _tasks.Values.Select(t => (t.Description.Tid, t.Description.ParentTid)));

    public void OnSpawn(HostMsg.Spawn spawn)
    {
        if (spawn.Tid < 0 || (spawn.Tid > 0 && Taken(spawn.Tid)))
        {
            spawn.Reply.Tell(Reply<TaskDescription>.Fail(HostError.FailedPrecondition, $"task {spawn.Tid} already exists on host {turn.Name}"));
            return;
        }

        var tid = spawn.Tid == 0 ? Allocate() : spawn.Tid;
        var description = new TaskDescription(tid, spawn.Name, 0);
        _tasks.Add(tid, new TaskEntry(description, SpawnActor(tid)));
        spawn.Reply.Tell(Reply<TaskDescription>.Ok(description));
    }

    /// <summary>Reserves a tid for a fork's child (0: a new one) and spawns its actor; null (the caller told) when the tid is taken.</summary>
    public (long Tid, IActorRef<TaskMsg> Actor)? BeginFork(long childTid, IActorRef<Reply<TaskDescription>> reply)
    {
        if (childTid < 0 || (childTid > 0 && Taken(childTid)))
        {
            reply.Tell(Reply<TaskDescription>.Fail(HostError.FailedPrecondition, $"task {childTid} already exists on host {turn.Name}"));
            return null;
        }

        var tid = childTid == 0 ? Allocate() : childTid;
        _forking.Add(tid);
        return (tid, SpawnActor(tid));
    }

    /// <summary>The child holds its copies: from now on it is a task like any other.</summary>
    public void EndFork(TaskDescription child, IActorRef<TaskMsg> actor)
    {
        _forking.Remove(child.Tid);
        _tasks.Add(child.Tid, new TaskEntry(child, actor));
    }

    /// <summary>Takes the task out of the live set (it stops running) and keeps its actor reachable until <see cref="EndExit"/>.</summary>
    public bool BeginExit(long tid, [MaybeNullWhen(false)] out TaskEntry entry)
    {
        if (!_tasks.Remove(tid, out entry))
        {
            return false;
        }

        _exiting.Add(tid, entry.Actor);
        if (entry.RunningCpu >= 0)
        {
            _cpuRunning[entry.RunningCpu] = 0;
            turn.Cpus[entry.RunningCpu].Tell(new CpuMsg.Idle(tid));
        }

        return true;
    }

    public void EndExit(long tid) => _exiting.Remove(tid);

    public void OnRun(HostMsg.Run run)
    {
        if (turn.NoSuchCpu(run.Cpu) is { } noCpu)
        {
            run.Reply.Tell(Reply<bool>.Fail(HostError.NotFound, noCpu));
            return;
        }

        TaskEntry? entry = null;
        if (run.Tid != 0 && !_tasks.TryGetValue(run.Tid, out entry))
        {
            run.Reply.Tell(Reply<bool>.Fail(HostError.NotFound, $"task {run.Tid} does not exist on host {turn.Name}"));
            return;
        }

        if (entry is not null && entry.RunningCpu >= 0 && entry.RunningCpu != run.Cpu)
        {
            _cpuRunning[entry.RunningCpu] = 0;
            turn.Cpus[entry.RunningCpu].Tell(new CpuMsg.Idle(run.Tid));
        }

        var previous = _cpuRunning[run.Cpu];
        if (previous != 0 && previous != run.Tid && _tasks.TryGetValue(previous, out var displaced))
        {
            displaced.RunningCpu = -1;
            displaced.Actor.Tell(new TaskMsg.RunOn(-1, null));
        }

        _cpuRunning[run.Cpu] = run.Tid;
        var done = turn.Then<bool>(_ => run.Reply.Tell(Reply<bool>.Ok(true)));
        if (entry is null)
        {
            turn.Cpus[run.Cpu].Tell(new CpuMsg.Switch(new TaskArmed(0, []), done));
            return;
        }

        entry.RunningCpu = run.Cpu;
        entry.Actor.Tell(new TaskMsg.RunOn(run.Cpu, done));
    }

    public void OnAccess(HostMsg.Access access)
    {
        if (!_tasks.TryGetValue(access.Tid, out var entry))
        {
            access.Reply.Tell(Reply<IReadOnlyList<HitRecord>>.Fail(HostError.NotFound, $"task {access.Tid} does not exist on host {turn.Name}"));
            return;
        }

        if (entry.RunningCpu < 0)
        {
            access.Reply.Tell(Reply<IReadOnlyList<HitRecord>>.Fail(HostError.FailedPrecondition, $"task {access.Tid} is not running; RunTask it first"));
            return;
        }

        // The CPU answers the caller itself: neither the answer nor the hits (HitFanOut) come back through this actor.
        turn.Cpus[entry.RunningCpu].Tell(new CpuMsg.Access(access.Tid, access.Address, access.Length, access.Kind, access.Ip,
            access.Reply.Adapt<IReadOnlyList<HitRecord>, Reply<IReadOnlyList<HitRecord>>>(Reply<IReadOnlyList<HitRecord>>.Ok)));
    }

    private bool Taken(long tid) => _tasks.ContainsKey(tid) || _forking.Contains(tid) || _exiting.ContainsKey(tid);

    private long Allocate()
    {
        while (Taken(++_nextTid))
        {
        }

        return _nextTid;
    }

    private IActorRef<TaskMsg> SpawnActor(long tid) => turn.Spawn(() => new TaskActor(turn.Host, tid), $"task-{tid}-{turn.NextActorNumber()}");
}
