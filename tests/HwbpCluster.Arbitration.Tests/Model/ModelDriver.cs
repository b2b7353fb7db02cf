using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Model;

/// <summary>Runs a scenario against a <see cref="HostArbiter"/> and the <see cref="ReferenceHost"/> side by side.</summary>
/// <remarks>
/// CPU-bound and task-on-CPU breakpoints come from KVM clients and task-wide ones from ptrace, so kgdb's wide requests never
/// find a perf reservation to suspend: the host must then follow Linux's rule exactly, which is what the model computes.
/// </remarks>
internal sealed class ModelDriver
{
    private readonly ArchProfile _profile;
    private readonly ReferenceHost _model;
    private readonly List<long> _live = [];
    private readonly List<long> _tasks = [1, 2, 3, 4];
    private long _nextChild = 1000;

    public ModelDriver(ArchProfile profile)
    {
        _profile = profile;
        Host = new HostArbiter(profile);
        _model = new ReferenceHost(profile);
    }

    public HostArbiter Host { get; }

    public void Apply(Op op)
    {
        switch (op.Kind)
        {
            case OpKind.ReserveCpu:
                Reserve(ClientKind.Kvm, Scope.OnCpu(op.A % _profile.CpuCount), op);
                break;
            case OpKind.ReserveTask:
                Reserve(ClientKind.Ptrace, Scope.ForTask(Task(op.A)), op);
                break;
            case OpKind.ReserveTaskOnCpu:
                Reserve(ClientKind.Kvm, Scope.ForTaskOnCpu(Task(op.A), op.B % _profile.CpuCount), op);
                break;
            case OpKind.ReserveWide:
                Reserve(ClientKind.Kgdb, Scope.AllCpus, op);
                break;
            case OpKind.Release when _live.Count > 0:
                Release(_live[op.A % _live.Count]);
                break;
            case OpKind.Modify when _live.Count > 0:
                Modify(_live[op.A % _live.Count], op);
                break;
            case OpKind.Fork:
                Fork(Task(op.A));
                break;
            case OpKind.Exit:
                Exit(Task(op.A));
                break;
            default:
                break;
        }
    }

    /// <summary>Every count the host keeps equals the brute-force count, and no CPU can ever arm more than its slots.</summary>
    public void AssertInStep()
    {
        foreach (var pool in new[] { Pool.Instruction, Pool.Data })
        {
            for (var cpu = 0; cpu < _profile.CpuCount; cpu++)
            {
                Assert.Equal(_model.CpuPinned(cpu, pool), Host.CpuPinned(cpu, pool));
                Assert.Equal(_model.MaxCnt(cpu, pool), Host.MaxTaskCount(cpu, pool));
                Assert.True(Host.WorstCase(cpu, pool) <= _profile.Slots(pool), $"cpu {cpu} {pool} over its slots");
                foreach (var task in _tasks)
                {
                    Assert.Equal(_model.Cnt(task, cpu, pool), Host.TaskCount(task, cpu, pool));
                }
            }
        }

        Assert.Equal(_model.Entries.Count, Host.Reservations.Count);
    }

    public static BreakpointSpec Spec(ArchProfile profile, bool execute, int k) => execute
        ? new BreakpointSpec(0x40_0000 + (16UL * (ulong)k), profile.Architecture == Architecture.X86_64 ? 1 : 4, Access.Execute)
        : new BreakpointSpec(0x10_0000 + (16UL * (ulong)k), 8, Access.Write);

    private long Task(int a) => _tasks[a % _tasks.Count];

    private void Reserve(ClientKind kind, Scope scope, Op op)
    {
        var spec = Spec(_profile, op.Flag, op.B);
        var inherit = op.B % 2 == 0;
        var request = new ReservationRequest(kind, spec, scope) { Privileged = kind != ClientKind.Ptrace, Inherit = inherit };
        var pool = _profile.PoolOf(spec.Access);
        var expected = _model.Fits(scope, pool);
        var decision = Host.TryReserve(request);
        Assert.True(expected == (decision.Outcome == Outcome.Admitted), $"reserve {scope} {spec}: model {expected}, host {decision.Outcome} {decision.Reason}");
        if (decision.Outcome == Outcome.Admitted)
        {
            _model.TryAdd(decision.ReservationId, scope, pool, inherit);
            _live.Add(decision.ReservationId);
        }
    }

    private void Release(long id)
    {
        Assert.Equal(Outcome.Done, Host.Release(id).Outcome);
        _model.Remove(id);
        _live.Remove(id);
    }

    private void Modify(long id, Op op)
    {
        var entry = _model.Entries.Single(e => e.Id == id);
        var spec = Spec(_profile, op.Flag, op.B);
        var pool = _profile.PoolOf(spec.Access);
        var expected = true;
        if (pool != entry.Pool)
        {
            _model.Remove(id);
            expected = _model.Fits(entry.Scope, pool);
            _model.TryAdd(id, entry.Scope, expected ? pool : entry.Pool, entry.Inherit);
        }

        var decision = Host.Modify(id, spec);
        Assert.Equal(expected ? Outcome.Done : Outcome.NoRoom, decision.Outcome);
    }

    private void Fork(long parent)
    {
        var child = _nextChild++;
        var originals = _model.Entries.Where(e => e.Scope.IsTaskBound && e.Scope.TaskId == parent && e.Inherit).OrderBy(e => e.Id).ToArray();
        var decision = Host.Fork(parent, child);
        Assert.Equal(Outcome.Done, decision.Outcome);
        Assert.Equal(originals.Length, decision.Affected.Count);
        for (var i = 0; i < originals.Length; i++)
        {
            var scope = originals[i].Scope.Kind == ScopeKind.TaskOnCpu ? Scope.ForTaskOnCpu(child, originals[i].Scope.Cpu) : Scope.ForTask(child);
            Assert.True(_model.TryAdd(decision.Affected[i], scope, originals[i].Pool, inherit: true), "a fresh child's copies always fit");
            _live.Add(decision.Affected[i]);
        }

        _tasks.Add(child);
    }

    private void Exit(long task)
    {
        var owned = _model.Entries.Where(e => e.Scope.IsTaskBound && e.Scope.TaskId == task).Select(e => e.Id).Order().ToArray();
        var decision = Host.Exit(task);
        Assert.Equal(owned, decision.Affected);
        _model.RemoveTask(task);
        _live.RemoveAll(owned.Contains);
    }
}
