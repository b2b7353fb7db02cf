using HwbpCluster.Arbitration.Host;
using HwbpCluster.Arbitration.Tests.Model;

namespace HwbpCluster.Arbitration.Tests.Host;

/// <summary>
/// Drives a <see cref="HostArbiter"/> the way the kernel's KUnit test drives perf (one-byte read/write watchpoints) and mirrors
/// every admitted breakpoint into the <see cref="ReferenceHost"/>, asserting that both agree on every decision.
/// </summary>
internal sealed class KUnitHost
{
    public const long Current = 100;
    public const long Other = 200;

    private readonly ReferenceHost _model;
    private readonly List<long> _ids = [];
    private readonly Pool _pool;
    private ulong _nextAddress = 0x10_0000;

    /// <summary>A host of <paramref name="profile"/>, filled with watchpoints, or with execute breakpoints when <paramref name="pool"/> is Instruction.</summary>
    public KUnitHost(ArchProfile profile, Pool pool = Pool.Data)
    {
        Arbiter = new HostArbiter(profile);
        _model = new ReferenceHost(profile);
        _pool = pool;
    }

    public HostArbiter Arbiter { get; }

    public int Slots => Arbiter.Profile.Slots(_pool);

    /// <summary>The ids admitted so far, in order (KUnit's test_bps[]).</summary>
    public IReadOnlyList<long> Ids => _ids;

    /// <summary>Registers one breakpoint: cpu ≥ 0 and task 0 = CPU-bound; cpu = -1 = task-wide; both = task on that cpu.</summary>
    public Decision Register(int cpu, long task)
    {
        var scope = task == 0 ? Scope.OnCpu(cpu) : cpu < 0 ? Scope.ForTask(task) : Scope.ForTaskOnCpu(task, cpu);
        var spec = _pool == Pool.Data
            ? new BreakpointSpec(_nextAddress++, 1, Access.ReadWrite)
            : new BreakpointSpec(0x40_0000 + (4 * _nextAddress++), 4, Access.Execute);
        var decision = Arbiter.TryReserve(new ReservationRequest(ClientKind.Perf, spec, scope) { Privileged = true });
        var modelAdmits = _model.Fits(scope, _pool);
        Assert.Equal(modelAdmits, decision.Outcome == Outcome.Admitted);
        if (decision.Outcome == Outcome.Admitted)
        {
            _model.TryAdd(decision.ReservationId, scope, _pool);
            _ids.Add(decision.ReservationId);
        }

        return decision;
    }

    /// <summary>Registers one breakpoint that must be admitted.</summary>
    public void FillOne(int cpu, long task) => Assert.Equal(Outcome.Admitted, Register(cpu, task).Outcome);

    /// <summary>Fills the cpu/task with breakpoints, leaving <paramref name="skip"/> slots free.</summary>
    public void Fill(int cpu, long task, int skip = 0)
    {
        for (var i = 0; i < Slots - skip; i++)
        {
            FillOne(cpu, task);
        }
    }

    /// <summary>Registers one breakpoint that must be refused for lack of room.</summary>
    public void ExpectNoSpace(int cpu, long task)
    {
        var decision = Register(cpu, task);
        Assert.Equal(Outcome.NoRoom, decision.Outcome);
        Assert.Contains("pool full", decision.Reason, StringComparison.Ordinal);
    }

    /// <summary>Unregisters the index-th admitted breakpoint.</summary>
    public void Unregister(int index)
    {
        Assert.Equal(Outcome.Done, Arbiter.Release(_ids[index]).Outcome);
        _model.Remove(_ids[index]);
    }
}
