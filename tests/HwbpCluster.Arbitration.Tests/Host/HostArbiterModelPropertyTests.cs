using HwbpCluster.Arbitration.Tests.Model;

namespace HwbpCluster.Arbitration.Tests.Host;

public sealed class HostArbiterModelPropertyTests
{
    private static readonly OpKind[] AllOps = Enum.GetValues<OpKind>();

    [Fact]
    public void Fast_accounting_agrees_with_the_naive_linux_rule_over_random_reserve_release_modify_fork_and_exit() =>
        Properties.Check(Scenario.Generator(maxOps: 50, AllOps), scenario =>
        {
            var driver = new ModelDriver(scenario.CreateProfile());
            foreach (var op in scenario.Ops)
            {
                driver.Apply(op);
                driver.AssertInStep();
            }

            return true;
        }, maxTest: 250, seed: 0x5EED_0001);

    [Fact]
    public void Exiting_every_task_and_releasing_everything_returns_every_ledger_to_empty() =>
        Properties.Check(Scenario.Generator(maxOps: 40, AllOps), scenario =>
        {
            var driver = new ModelDriver(scenario.CreateProfile());
            foreach (var op in scenario.Ops)
            {
                driver.Apply(op);
            }

            foreach (var id in driver.Host.Reservations.Select(r => r.Id).ToArray())
            {
                driver.Host.Release(id);
            }

            var profile = driver.Host.Profile;
            return Enumerable.Range(0, profile.CpuCount).All(c =>
                driver.Host.WorstCase(c, Pool.Data) == 0 && driver.Host.WorstCase(c, Pool.Instruction) == 0)
                && driver.Host.TrackedTaskCount == 0;
        }, maxTest: 150, seed: 0x5EED_0002);
}
