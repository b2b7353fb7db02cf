using HwbpCluster.Arbitration.Tests.Model;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

public sealed class CpuLedgerTwoPhasePropertyTests
{
    private static readonly OpKind[] Steps = Enum.GetValues<OpKind>();

    [Fact]
    public void Interleaved_prepare_commit_abort_and_release_stay_safe_and_answer_exactly_as_the_linux_rule()
    {
        var admitted = 0;
        var waited = 0;
        var refused = 0;
        Properties.Check(Scenario.Generator(maxOps: 60, Steps), scenario =>
        {
            var driver = new TwoPhaseDriver(scenario.CreateProfile());
            foreach (var op in scenario.Ops)
            {
                driver.Step(op);
            }

            driver.AbortAll();
            admitted += driver.Admitted;
            waited += driver.Waited;
            refused += driver.Refused;
            return true;
        }, maxTest: 250, seed: 0x5EED_0003);

        // The generator must reach all three answers, or the property proves little.
        Assert.All(new[] { admitted, waited, refused }, n => Assert.True(n > 0));
    }

    [Fact]
    public void Holds_with_deadlines_never_put_more_armed_or_held_than_slots_and_every_hold_ends_committed_aborted_or_expired()
    {
        var (admitted, expired, tooLate) = (0, 0, 0);
        Properties.Check(Scenario.Generator(maxOps: 60, Steps), scenario =>
        {
            var driver = new TwoPhaseDriver(scenario.CreateProfile(), deadlines: true);
            foreach (var op in scenario.Ops)
            {
                driver.Step(op);
            }

            driver.AbortAll();
            (admitted, expired, tooLate) = (admitted + driver.Admitted, expired + driver.Expired, tooLate + driver.TooLate);
            return true;
        }, maxTest: 250, seed: 0x5EED_0010);

        // Every path (held, given back at its deadline, committed too late) must be reached, or the property proves little.
        Assert.All(new[] { admitted, expired, tooLate }, n => Assert.True(n > 0));
    }

    [Fact]
    public void With_the_summary_ledger_interleaved_holds_stay_safe_answer_as_the_linux_rule_and_tasks_move_to_the_cpus_without_refusal()
    {
        var (admitted, waited, refused, moved, bySummary) = (0, 0, 0, 0, 0);
        Properties.Check(Scenario.Generator(maxOps: 60, Steps), scenario =>
        {
            var driver = new TwoPhaseDriver(scenario.CreateProfile(), summary: true);
            foreach (var op in scenario.Ops)
            {
                driver.Step(op);
            }

            driver.AbortAll();
            (admitted, waited, refused) = (admitted + driver.Admitted, waited + driver.Waited, refused + driver.Refused);
            (moved, bySummary) = (moved + driver.Moved, bySummary + driver.SummaryRefused);
            return true;
        }, maxTest: 500, seed: 0x5EED_0011);

        // Every answer, tasks leaving the summary, and refusals the summary decides must all be reached.
        Assert.All(new[] { admitted, waited, refused, moved, bySummary }, n => Assert.True(n > 0));
    }
}
