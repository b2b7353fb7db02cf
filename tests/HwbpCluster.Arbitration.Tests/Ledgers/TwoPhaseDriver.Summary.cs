using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

/// <summary>
/// The ledgers split as the host actors split them: CPU-bound and wide requests hold in the summary and on their CPUs, a
/// uniform task's (no task-on-CPU breakpoints) only in the summary, a task's first task-on-CPU request first moves its
/// counts from the summary into every CPU ledger (which must never refuse them), and a task that counts nothing any more
/// is uniform again. Every answer is still checked against the reference model.
/// </summary>
internal sealed partial class TwoPhaseDriver
{
    private readonly SummaryLedger? _summary;
    private readonly HashSet<long> _perCpu = [];

    /// <summary>Uniform tasks moved from the summary into the CPU ledgers.</summary>
    public int Moved { get; private set; }

    /// <summary>Requests the summary refused (the rule's uniform half decided them).</summary>
    public int SummaryRefused { get; private set; }

    private bool UsesSummary(Request request) =>
        _summary is not null && (!request.Scope.IsTaskBound || (request.Scope.Kind == ScopeKind.Task && !_perCpu.Contains(request.Scope.TaskId)));

    // The CPU ledgers a request holds in: none for a uniform task's (the summary stands for every CPU).
    private IEnumerable<int> CpusOf(Request request) =>
        _summary is not null && request.Scope.IsTaskBound && UsesSummary(request) ? [] : Cpus(request.Scope);

    private HoldDecision[] SummaryPrepare(Request request)
    {
        if (!UsesSummary(request))
        {
            return [];
        }

        var decision = _summary!.Prepare(request.Id, SummaryChangeOf(request, up: true));
        SummaryRefused += decision == HoldDecision.Refuse ? 1 : 0;
        return [decision];
    }

    private void SummaryRelease(Request request)
    {
        if (UsesSummary(request))
        {
            _summary!.Release(SummaryChangeOf(request, up: false));
        }
    }

    private SummaryChange SummaryChangeOf(Request request, bool up)
    {
        var (scope, pool, id) = (request.Scope, request.Pool, request.Id);
        if (!scope.IsTaskBound)
        {
            var cpu = scope.Kind == ScopeKind.Cpu ? scope.Cpu : -1;
            return up ? SummaryChange.AddCpuBound(pool, id, cpu) : SummaryChange.RemoveCpuBound(pool, id, cpu);
        }

        var count = TaskOf(scope.TaskId).WideCount(pool);
        return SummaryChange.TaskMove(pool, scope.TaskId, count, up ? count + 1 : count - 1);
    }

    // False when a CPU must first wait for a pending hold (the actors park there; here the request is skipped).
    private bool MoveToCpus(long task)
    {
        var ledger = TaskOf(task);
        var moves = new[] { Pool.Instruction, Pool.Data }.Where(p => ledger.WideCount(p) > 0)
            .Select(p => LedgerChange.TaskMove(p, task, 0, ledger.WideCount(p))).ToArray();
        foreach (var cpu in _cpus)
        {
            foreach (var move in moves)
            {
                var decision = cpu.Evaluate(move);
                Assert.True(decision != HoldDecision.Refuse, $"cpu {cpu.Cpu} refused task {task}'s counts the summary admitted: {move}");
                if (decision == HoldDecision.Wait)
                {
                    return false;
                }
            }
        }

        foreach (var cpu in _cpus)
        {
            foreach (var move in moves)
            {
                Assert.True(cpu.TryApply(move));
            }
        }

        foreach (var move in moves)
        {
            _summary!.Release(SummaryChange.TaskMove(move.Pool, task, move.To, 0));
        }

        _perCpu.Add(task);
        Moved++;
        return true;
    }

    // A task that counts nothing any more is uniform again (it is in no histogram anywhere).
    private void LeftCpus(long task)
    {
        var ledger = TaskOf(task);
        if (!ledger.HasCpuBoundCounts && ledger.WideCount(Pool.Instruction) == 0 && ledger.WideCount(Pool.Data) == 0)
        {
            _perCpu.Remove(task);
        }
    }
}
