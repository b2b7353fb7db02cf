using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

public sealed class SummaryLedgerTests
{
    private static readonly ArchProfile X86 = ArchProfile.X86_64(256);

    [Fact]
    public void A_uniform_task_step_is_one_check_against_the_busiest_cpu_and_the_refusal_names_the_lowest_full_cpu()
    {
        var summary = new SummaryLedger(X86);
        Assert.True(summary.TryApply(SummaryChange.AddCpuBound(Pool.Data, 1, 200)));
        Assert.True(summary.TryApply(SummaryChange.AddCpuBound(Pool.Data, 2, 200)));
        Assert.True(summary.TryApply(SummaryChange.AddCpuBound(Pool.Data, 3, 100)));
        Assert.True(summary.TryApply(SummaryChange.AddCpuBound(Pool.Data, 4, 100)));
        Assert.True(summary.TryApply(SummaryChange.TaskMove(Pool.Data, 42, 0, 1)));
        Assert.True(summary.TryApply(SummaryChange.TaskMove(Pool.Data, 42, 1, 2)));

        var third = SummaryChange.TaskMove(Pool.Data, 42, 2, 3);
        Assert.Equal(HoldDecision.Refuse, summary.Evaluate(third));
        Assert.Equal(100, summary.RefusingCpu(third));
        Assert.Equal("cpu 100 shared pool full (4 slots): 2 cpu-bound (r3, r4), task 42 holds 2", summary.Explain(third, 100).ToString());
        Assert.Equal(4, summary.ProjectedWorstCase(Pool.Data));
    }

    [Fact]
    public void A_cpu_bound_breakpoint_counts_against_the_uniform_maximum_and_a_wide_one_against_every_cpu()
    {
        var summary = new SummaryLedger(X86);
        Assert.True(summary.TryApply(SummaryChange.TaskMove(Pool.Data, 7, 0, 3)));
        Assert.True(summary.TryApply(SummaryChange.AddCpuBound(Pool.Data, 1, 5)));

        Assert.Equal(HoldDecision.Refuse, summary.Evaluate(SummaryChange.AddCpuBound(Pool.Data, 2, 5)));
        Assert.Equal(HoldDecision.Admit, summary.Evaluate(SummaryChange.AddCpuBound(Pool.Data, 2, 6)));
        var wide = SummaryChange.AddCpuBound(Pool.Data, 3, -1);
        Assert.Equal(HoldDecision.Refuse, summary.Evaluate(wide));
        Assert.Equal(5, summary.RefusingCpu(wide));

        summary.Release(SummaryChange.RemoveCpuBound(Pool.Data, 1, 5));
        Assert.True(summary.TryApply(wide));
        Assert.All(new[] { 0, 5, 255 }, c => Assert.Equal(1, summary.CpuPinned(c, Pool.Data)));
    }

    [Fact]
    public void A_request_that_fits_only_if_a_pending_hold_aborts_waits_and_an_abort_restores_the_summary_exactly()
    {
        var summary = new SummaryLedger(X86);
        Assert.True(summary.TryApply(SummaryChange.TaskMove(Pool.Data, 7, 0, 2)));
        Assert.Equal(HoldDecision.Admit, summary.Prepare(10, SummaryChange.AddCpuBound(Pool.Data, 1, -1)));
        Assert.Equal(HoldDecision.Admit, summary.Prepare(11, SummaryChange.AddCpuBound(Pool.Data, 2, 3)));

        Assert.Equal(HoldDecision.Wait, summary.Evaluate(SummaryChange.TaskMove(Pool.Data, 8, 0, 3)));
        Assert.Equal(HoldDecision.Admit, summary.Prepare(12, SummaryChange.TaskMove(Pool.Data, 9, 0, 1)));
        Assert.Throws<InvalidOperationException>(() => summary.Prepare(13, SummaryChange.TaskMove(Pool.Data, 9, 1, 2)));

        Assert.True(summary.Abort(10));
        Assert.True(summary.Abort(11));
        Assert.True(summary.Abort(12));
        Assert.Equal((0, 0, 2), (summary.PendingHolds, summary.CpuPinned(3, Pool.Data), summary.ProjectedWorstCase(3, Pool.Data)));
        Assert.Equal(HoldDecision.Admit, summary.Evaluate(SummaryChange.TaskMove(Pool.Data, 8, 0, 3)));
    }
}
