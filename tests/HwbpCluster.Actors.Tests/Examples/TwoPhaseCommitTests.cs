namespace HwbpCluster.Actors.Tests.Examples;

/// <summary>
/// A worked example of the use the runtime is built for: concurrent prepare/commit/abort negotiations checked
/// against a model over many seeded interleavings. Plain two-phase commit is safe but not serializable (concurrent
/// holds can refuse each other spuriously); the host actors' protocol must do better, and is checked the same way.
/// </summary>
public sealed class TwoPhaseCommitTests
{
    private const int Participants = 4;
    private const int Capacity = 4;

    [Fact]
    public void Concurrent_negotiations_never_overbook_and_all_decide_under_ten_thousand_seeded_schedules()
    {
        for (var seed = 0; seed < 10_000; seed++)
        {
            var system = new DeterministicActorSystem(seed);
            var failures = 0;
            system.ActorFailed += (_, _) => failures++;
            var ledger = new SlotLedger(Participants, Capacity);
            var participants = Enumerable.Range(0, Participants)
                .Select(id => system.Spawn(() => new SlotParticipant(id, Capacity, ledger), "cpu-" + id))
                .ToArray();
            var decisions = new Dictionary<long, bool>();
            var demands = new[] { 1, 2, 3, 1, 2, 3 };
            for (var tx = 0; tx < demands.Length; tx++)
            {
                var slots = demands[tx];
                var id = (long)tx;
                system.Spawn(() => new SlotCoordinator(id, slots, participants, (t, commit) => decisions.Add(t, commit)), "task-" + tx);
            }

            system.RunUntilQuiescent();

            Assert.True(failures == 0, $"seed {seed}: {failures} failures");
            Assert.Equal(demands.Length, decisions.Count);
            var committedPerParticipant = demands.Where((_, tx) => decisions[tx]).Sum();
            Assert.All(ledger.Committed, c => Assert.Equal(committedPerParticipant, c));
            Assert.InRange(committedPerParticipant, 0, Capacity);
        }
    }
}
