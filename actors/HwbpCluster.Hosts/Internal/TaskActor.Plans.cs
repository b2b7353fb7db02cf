using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Where a task's counts live and the plans that change them: the summary while the task is uniform, else the CPU ledgers.</summary>
/// <remarks>
/// A task starts uniform (no task-on-CPU breakpoints): each change is one step in the summary, whatever the CPU count.
/// Its first breakpoint bound to one CPU first moves its counts into every CPU ledger (held and committed there, then
/// given back in the summary: counted twice in between, which changes no maximum), and from then on its changes are
/// per-CPU plans, until it counts nothing anywhere and is uniform again. Moving back while it still counts is not done:
/// such a task keeps per-CPU plans until its counts reach zero.
/// </remarks>
internal sealed partial class TaskActor
{
    private bool _perCpu;

    private bool IsEmpty => !_ledger.HasCpuBoundCounts && _ledger.WideCount(Pool.Instruction) == 0 && _ledger.WideCount(Pool.Data) == 0;

    // A breakpoint bound to one CPU cannot be counted in the summary: a uniform task moves to the CPU ledgers first.
    private void BeforeIncrease(int cpu, Action then)
    {
        if (_perCpu || cpu < 0)
        {
            then();
            return;
        }

        MoveToCpus(Pool.Instruction, () => MoveToCpus(Pool.Data, () =>
        {
            var leaving = Pools().Where(p => _ledger.WideCount(p) > 0)
                .Select(p => SummaryChange.TaskMove(p, _tid, _ledger.WideCount(p), 0)).ToArray();

            // Even with nothing to give back, the summary hears of the move before any count of this task reaches a CPU
            // ledger alone: from then on it decides no CPU-bound plan by itself (see SummaryActor) until MovedBack.
            Negotiate(PlanShape.SummaryOnly(SummaryPart.Down(leaving) with { MovesOut = true }) with { TaskArmed = Armed() }, _ =>
            {
                _perCpu = true;
                if (leaving.Length > 0)
                {
                    _host.Probe?.Moved(_tid);
                }

                then();
            });
        }));
    }

    // The task's count in one pool taken into every CPU ledger while the summary still counts it.
    private void MoveToCpus(Pool pool, Action then)
    {
        var count = _ledger.WideCount(pool);
        if (count == 0)
        {
            then();
            return;
        }

        var shape = new PlanShape(_host.AllCpus, [LedgerChange.TaskMove(pool, _tid, 0, count)], null) { TaskArmed = Armed() };
        Negotiate(shape, outcome =>
        {
            // The summary admitted this count against every CPU's CPU-bound count, which each CPU also has: a refusal
            // here means the two disagree, a broken invariant.
            if (!outcome.Admitted)
            {
                throw new InvalidOperationException($"safety: task {_tid}'s {pool} count {count} refused by the cpu ledgers: {outcome.Holders}");
            }

            then();
        });
    }

    private PlanShape Increase(int cpu, Pool pool, TaskArmed after, Linearization? tag) =>
        (_perCpu
            ? new PlanShape(PlanCpus(cpu), PerCpu(cpu, c => _ledger.StepUp(c, pool)), null)
            : PlanShape.SummaryOnly(SummaryPart.Up(Uniform(cpu, pool, +1)))) with { TaskArmed = after, Tag = tag };

    private PlanShape Decrease(int cpu, Pool pool, TaskArmed after, Linearization? tag) =>
        (_perCpu
            ? new PlanShape(PlanCpus(cpu), null, PerCpu(cpu, c => new[] { _ledger.StepDown(c, pool) }))
            : PlanShape.SummaryOnly(SummaryPart.Down(Uniform(cpu, pool, -1)))) with { TaskArmed = after, Tag = tag };

    // A modify across pools: room in the new pool, the old one's count given back at commit, in one plan.
    private static PlanShape Combine(PlanShape up, PlanShape down) =>
        up.Summary is { } summary ? up with { Summary = summary with { Decreases = down.Summary!.Decreases } } : up with { Decreases = down.Decreases };

    // Every counted breakpoint leaves: per CPU and pool the task's count steps down to zero, or in the summary at once.
    private PlanShape? ExitShape(Linearization? tag)
    {
        if (!_bps.Values.Any(b => b.Counted))
        {
            return null;
        }

        var shape = _perCpu
            ? new PlanShape(_host.AllCpus, null, PerCpu(-1, StepsToZero))
            : PlanShape.SummaryOnly(SummaryPart.Down(Pools().Where(p => _ledger.WideCount(p) > 0)
                .Select(p => SummaryChange.TaskMove(p, _tid, _ledger.WideCount(p), 0)).ToArray()));
        return shape with { TaskArmed = new TaskArmed(_tid, []), Tag = tag };
    }

    private SummaryChange Uniform(int cpu, Pool pool, int delta)
    {
        if (cpu >= 0)
        {
            throw new InvalidOperationException($"task {_tid}: a breakpoint bound to cpu {cpu} is counted in the cpu ledgers, never in the summary");
        }

        var count = _ledger.WideCount(pool);
        return SummaryChange.TaskMove(pool, _tid, count, count + delta);
    }

    private static Pool[] Pools() => [Pool.Instruction, Pool.Data];

    // A breakpoint on one CPU touches that CPU; one on every CPU touches them all.
    private int[] PlanCpus(int cpu) => cpu >= 0 ? [cpu] : _host.AllCpus;

    // The plan's change per CPU: one for a single CPU, or for every CPU one that applies to all of them (a plan's length-1
    // array) while the task's counts are the same everywhere, else one per CPU.
    private T[] PerCpu<T>(int cpu, Func<int, T> change) =>
        cpu >= 0 ? [change(cpu)] : !_ledger.HasCpuBoundCounts ? [change(0)] : _host.AllCpus.Select(change).ToArray();
}
