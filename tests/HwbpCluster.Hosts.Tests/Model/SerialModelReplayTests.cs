using HwbpCluster.Hosts.Tests.Support.Seeded;
using Xunit.Abstractions;

namespace HwbpCluster.Hosts.Tests.Model;

/// <summary>kgdb preemption, queueing (wait_ms) and flexible rotation against the pure core, where the outcome is determined.</summary>
/// <remarks>
/// Each step runs alone on the seeded actor system (only its own messages; timers fire only when time passes), so its
/// outcome and everything it settles (victims suspended, suspended ones resumed, queued ones served, waits expired) is
/// determined, and must equal <c>HostArbiter</c>'s after the same step: the same reservations in the same states, the same
/// ledgers, every waiting call ending exactly when the model serves or drops its request, and each CPU arming as many
/// flexible reservations as the rotation's rule gives. Concurrent schedules of the same operations, whose outcome depends
/// on the interleaving, are checked by invariants in <c>PreemptionAndQueueScheduleTests</c>.
/// </remarks>
public sealed class SerialModelReplayTests(ITestOutputHelper output)
{
    [Fact]
    public void Ten_thousand_seeded_schedules_of_preemption_waits_and_rotation_equal_the_pure_core_after_every_step()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var system = new SeededSystem();
        for (var seed = 1; seed <= 10_000; seed++)
        {
            using var runner = new SerialScheduleRunner(seed, system);
            var failure = runner.Run();
            Assert.True(failure is null, failure);
            foreach (var (what, count) in runner.Seen)
            {
                seen[what] = seen.GetValueOrDefault(what) + count;
            }
        }

        foreach (var (what, count) in seen.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{what}: {count}");
        }

        // The schedules must reach every case they claim to check, or they prove nothing about it.
        foreach (var needed in new[]
        {
            "reserve Admitted preempting", "reserve Queued", "served from the queue", "wait expired", "state Suspended",
            "release of a waiting request", "rotation with more members than slots", "modify NoRoom",
            "cpu-bound decided by the summary alone", "cpu-bound run on the cpus too",
        })
        {
            Assert.True(seen.GetValueOrDefault(needed) > 100, $"{needed}: {seen.GetValueOrDefault(needed)}");
        }
    }
}
