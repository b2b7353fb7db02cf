using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

public sealed class CpuLedgerTests
{
    private static CpuLedger NewLedger(int slots = 4) => new(ArchProfile.Arm64(2, instructionSlots: 2, dataSlots: slots), 0);

    [Fact]
    public void A_cpu_bound_breakpoint_fits_while_cpu_bound_plus_the_largest_task_count_stays_below_the_slots()
    {
        var ledger = NewLedger();
        Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, 7, 0)));
        Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, 7, 1)));
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 2)));
        Assert.Equal(HoldDecision.Refuse, ledger.Evaluate(LedgerChange.AddCpuBound(Pool.Data, 3)));
        Assert.Equal((2, 2), (ledger.CpuPinned(Pool.Data), ledger.MaxTaskCount(Pool.Data)));
    }

    [Fact]
    public void Tasks_do_not_constrain_each_other_only_the_cpu_bound_count_and_their_own()
    {
        var ledger = NewLedger(slots: 2);
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        for (var task = 1; task <= 100; task++)
        {
            Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, task, 0)));
        }

        Assert.Equal(100, ledger.TasksWithCount(Pool.Data, 1));
        Assert.Equal(HoldDecision.Refuse, ledger.Evaluate(LedgerChange.TaskUp(Pool.Data, 5, 1)));
        Assert.Equal(HoldDecision.Refuse, ledger.Evaluate(LedgerChange.AddCpuBound(Pool.Data, 2)));
    }

    [Fact]
    public void Prepare_admits_and_holds_room_so_a_competing_request_waits_instead_of_being_refused()
    {
        var ledger = NewLedger(slots: 2);
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(10, LedgerChange.TaskUp(Pool.Data, 7, 0)));
        Assert.Equal(HoldDecision.Wait, ledger.Prepare(11, LedgerChange.AddCpuBound(Pool.Data, 2)));
        Assert.Equal(1, ledger.PendingHolds);
        Assert.Equal(0, ledger.MaxTaskCount(Pool.Data));
    }

    [Fact]
    public void Prepare_refuses_what_would_not_fit_even_if_every_pending_hold_aborted()
    {
        var ledger = NewLedger(slots: 2);
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, 7, 0)));
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(10, LedgerChange.TaskUp(Pool.Data, 8, 0)));
        Assert.Equal(HoldDecision.Refuse, ledger.Prepare(11, LedgerChange.AddCpuBound(Pool.Data, 2)));
    }

    [Fact]
    public void Commit_makes_a_hold_permanent_and_abort_restores_the_ledger_exactly()
    {
        var ledger = NewLedger();
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(1, LedgerChange.AddCpuBound(Pool.Data, 5)));
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(2, LedgerChange.TaskUp(Pool.Data, 7, 0)));
        Assert.True(ledger.Commit(1));
        Assert.True(ledger.Abort(2));
        Assert.False(ledger.Abort(2));
        Assert.Equal((1, 0, 0), (ledger.CpuPinned(Pool.Data), ledger.MaxTaskCount(Pool.Data), ledger.PendingHolds));
        Assert.Equal(1, ledger.ProjectedWorstCase(Pool.Data));
    }

    [Fact]
    public void Releases_never_need_room_and_increases_cannot_be_released()
    {
        var ledger = NewLedger(slots: 1);
        Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, 7, 0)));
        ledger.Release(LedgerChange.TaskDown(Pool.Data, 7, 1));
        Assert.Equal(0, ledger.MaxTaskCount(Pool.Data));
        Assert.Throws<ArgumentException>(() => ledger.Release(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.Throws<ArgumentException>(() => ledger.Prepare(1, LedgerChange.TaskDown(Pool.Data, 7, 1)));
    }

    [Fact]
    public void A_task_with_a_pending_hold_must_wait_for_its_outcome_before_changing_again()
    {
        var ledger = NewLedger();
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(1, LedgerChange.TaskUp(Pool.Data, 7, 0)));
        Assert.Throws<InvalidOperationException>(() => ledger.Prepare(2, LedgerChange.TaskUp(Pool.Data, 7, 1)));
    }

    [Fact]
    public void A_change_out_of_step_with_the_ledger_is_an_error_not_a_silent_corruption()
    {
        var ledger = NewLedger();
        Assert.Throws<InvalidOperationException>(() => ledger.Release(LedgerChange.TaskDown(Pool.Data, 7, 2)));
        Assert.Throws<InvalidOperationException>(() => ledger.Release(LedgerChange.RemoveCpuBound(Pool.Data, 3)));
    }

    [Fact]
    public void Explain_names_the_cpu_bound_reservations_and_a_task_at_the_maximum()
    {
        var ledger = NewLedger(slots: 3);
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 7)));
        Assert.True(ledger.TryApply(LedgerChange.TaskUp(Pool.Data, 42, 0)));
        var holders = ledger.Explain(LedgerChange.AddCpuBound(Pool.Data, 9));
        Assert.Equal("cpu 0 data pool full (3 slots): 2 cpu-bound (r1, r7), task 42 holds 1", holders.ToString());
    }

    [Fact]
    public void Pools_are_accounted_independently()
    {
        var ledger = NewLedger(slots: 1);
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 1)));
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Instruction, 2)));
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Instruction, 3)));
        Assert.False(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Instruction, 4)));
    }

    [Fact]
    public void A_reservation_moving_pools_can_hold_room_in_the_new_pool_while_leaving_the_old_one()
    {
        var ledger = NewLedger();
        Assert.True(ledger.TryApply(LedgerChange.AddCpuBound(Pool.Data, 5)));
        Assert.Equal(HoldDecision.Admit, ledger.Prepare(1, LedgerChange.AddCpuBound(Pool.Instruction, 5)));
        ledger.Release(LedgerChange.RemoveCpuBound(Pool.Data, 5));
        Assert.True(ledger.Commit(1));
        Assert.Equal((0, 1), (ledger.CpuPinned(Pool.Data), ledger.CpuPinned(Pool.Instruction)));
    }
}
