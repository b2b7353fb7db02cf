namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>The negotiation protocol against the pure core, over seeded random schedules of concurrent mixed requests.</summary>
/// <remarks>
/// Each schedule runs batches of concurrent reserves (task, task-on-cpu, CPU-bound, wide), releases, modifies, forks, exits
/// and context switches on a deterministic actor system. Safety: every CPU actor checks after every change that it arms no
/// more pinned breakpoints than slots and that its worst case fits (a violation fails the actor). No deadlock or starvation:
/// every request completes within a bounded number of steps. Serializability: replaying the requests through a fresh
/// HostArbiter in linearization order gives the same outcomes. Nothing leaks: at quiescence every CPU ledger equals the
/// model's and holds nothing pending.
/// </remarks>
public sealed class NegotiationPropertyTests
{
    [Fact]
    public void Ten_thousand_seeded_schedules_are_safe_serializable_bounded_and_leak_free()
    {
        for (var seed = 1; seed <= 10_000; seed++)
        {
            var failure = new ScheduleRunner(seed).Run();
            Assert.True(failure is null, failure);
        }
    }
}
