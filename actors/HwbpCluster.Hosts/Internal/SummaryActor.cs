using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The host's pinned summary: a uniform task's change is one step here instead of one per CPU (see <see cref="SummaryLedger"/>).</summary>
/// <remarks>
/// It is the first ledger of every plan that touches it, before CPU 0. It arms nothing: a uniform task's list goes to the
/// CPU where the task runs (from its task actor), a CPU-bound one is armed by its CPU at commit. A coordinator sends the
/// summary its decision after the CPUs', so a CPU disarms a leaving breakpoint before the summary can give its room away.
/// After every change it checks that no CPU's worst case passes its slots; a violation throws.
/// <para>A CPU-bound plan is decided here alone when no task is counted in the CPU ledgers (<see cref="_movedOut"/> is 0) and
/// no CPU-bound plan runs on the CPUs (<see cref="_cpuPlans"/> is 0): then every CPU's half of Linux's rule is implied by
/// this one, and no CPU can admit anything on a count it has not yet been told (see docs/DECISIONS.md, "A CPU-bound plan
/// decided by the summary alone").</para>
/// </remarks>
internal sealed class SummaryActor : Runtime.Actor<CpuMsg>, ILedgerSide
{
    private readonly HostContext _host;
    private readonly SummaryLedger _ledger;
    private readonly HoldKeeper _holds;

    // Tasks whose counts moved into the CPU ledgers and that have not said they count nothing there any more.
    private int _movedOut;

    // CPU-bound plans this ledger let run on the CPUs and whose coordinator has not said they are over.
    private int _cpuPlans;

    public SummaryActor(HostContext host)
    {
        _host = host;
        _ledger = new SummaryLedger(host.Profile);
        _holds = new HoldKeeper(host, this);
    }

    int ILedgerSide.Cpu => -1;

    protected internal override void Receive(CpuMsg message)
    {
        switch (message)
        {
            case CpuMsg.Chain chain:
                _holds.OnChain(chain.Plan, chain.Index);
                break;
            case CpuMsg.Decide decide:
                _holds.OnDecide(decide.TxId, decide.Commit);
                break;
            case CpuMsg.MovedBack:
                _movedOut--;
                break;
            case CpuMsg.CpuPlanDone:
                _cpuPlans--;
                break;
            case CpuMsg.SummaryCounts counts:
                counts.Reply.Tell(Census());
                break;
            default:
                throw new InvalidOperationException($"the summary ledger does not take {message.GetType().Name}");
        }
    }

    bool ILedgerSide.TakesAlone(Plan plan)
    {
        if (_movedOut == 0 && _cpuPlans == 0 && !plan.HeldOutside)
        {
            return true;
        }

        _cpuPlans++;
        _host.Probe?.Routed(alone: false);
        return false;
    }

    HoldDecision ILedgerSide.Evaluate(Plan plan, int index) =>
        plan.Summary!.Increase is { } change ? _ledger.Evaluate(change) : HoldDecision.Admit;

    void ILedgerSide.Hold(Plan plan, int index)
    {
        var change = plan.Summary!.Increase!.Value;
        _ledger.Prepare(plan.TxId, change);
        CheckWorstCase(change.Pool);
    }

    void ILedgerSide.Apply(Plan plan, int index)
    {
        if (plan.Summary!.Increase is { } change)
        {
            _ledger.TryApply(change);
            CheckWorstCase(change.Pool);
        }

        if (plan.Routing)
        {
            // Decided here alone: each CPU is told on this turn, before this ledger gives back any decrease of the plan
            // (ApplyCommit runs next), so a CPU disarms a leaving breakpoint before anything its room allows reaches it.
            _host.Probe?.Routed(alone: true);
            for (var i = 1; i < plan.Length; i++)
            {
                plan.RefAt(i).Tell(new CpuMsg.Apply(plan, i));
            }
        }
    }

    void ILedgerSide.Decide(Plan plan, bool commit)
    {
        if (commit)
        {
            _ledger.Commit(plan.TxId);
        }
        else
        {
            _ledger.Abort(plan.TxId);
        }
    }

    void ILedgerSide.ApplyCommit(Plan plan, int index)
    {
        foreach (var decrease in plan.Summary!.Decreases)
        {
            _ledger.Release(decrease);
        }

        if (plan.Summary.MovesOut)
        {
            _movedOut++;
        }
    }

    (string Holders, int Cpu) ILedgerSide.Explain(Plan plan, int index)
    {
        var change = plan.Summary!.Increase!.Value;
        if (plan.Routing)
        {
            _host.Probe?.Routed(alone: true);
        }

        var cpu = _ledger.RefusingCpu(change);
        if (cpu < 0)
        {
            throw new InvalidOperationException($"summary refused {change} but finds no cpu where it does not fit");
        }

        return (_ledger.Explain(change, cpu).ToString(), cpu);
    }

    private void CheckWorstCase(Pool pool)
    {
        if (_ledger.ProjectedWorstCase(pool) > _host.Profile.Slots(pool))
        {
            throw new InvalidOperationException(
                $"safety: summary {_host.Profile.PoolName(pool)} pool worst case {_ledger.ProjectedWorstCase(pool)} exceeds {_host.Profile.Slots(pool)} slots");
        }
    }

    private SummaryCensus Census()
    {
        var cpus = _host.AllCpus;
        var pools = (ReadOnlySpan<Pool>)[Pool.Instruction, Pool.Data];
        var pinned = new int[2][];
        var worst = new int[2][];
        var uniform = new int[2];
        foreach (var pool in pools)
        {
            pinned[(int)pool] = cpus.Select(c => _ledger.CpuPinned(c, pool)).ToArray();
            worst[(int)pool] = cpus.Select(c => _ledger.ProjectedWorstCase(c, pool)).ToArray();
            uniform[(int)pool] = _ledger.MaxUniformCount(pool);
        }

        return new SummaryCensus(pinned, worst, uniform, _ledger.PendingHolds, _holds.Parked);
    }
}
