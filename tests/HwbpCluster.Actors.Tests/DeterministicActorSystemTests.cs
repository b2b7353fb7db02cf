using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class DeterministicActorSystemTests
{
    [Fact]
    public void The_same_seed_replays_the_same_trace()
    {
        // Messages hold addresses of their own system, so runs are compared by their printed form.
        Prop.ForAll<int>(seed => Run(seed).Select(s => s.ToString()).SequenceEqual(Run(seed).Select(s => s.ToString())))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Different_seeds_give_different_interleavings()
    {
        var traces = Enumerable.Range(0, 20).Select(seed => string.Join(";", Run(seed).Select(s => s.Actor))).ToHashSet();

        Assert.True(traces.Count > 15, $"only {traces.Count} distinct interleavings out of 20 seeds");
    }

    [Fact]
    public void Every_step_handles_one_message_and_the_trace_numbers_them()
    {
        var system = new DeterministicActorSystem(9) { RecordTrace = true };
        PingPong.Start(system, pairs: 2, rounds: 10);

        var steps = system.RunUntilQuiescent();

        Assert.Equal(steps, system.StepCount);
        Assert.Equal(Enumerable.Range(1, (int)steps).Select(i => (long)i), system.Trace.Select(s => s.Step));
        Assert.Equal(22, system.Trace.Count(s => s.Message is PingPong.Ball));
    }

    [Fact]
    public void Step_reports_quiescence_when_nothing_is_ready_and_no_timer_is_pending()
    {
        var system = new DeterministicActorSystem(10);
        Assert.False(system.Step());

        system.Spawn(() => new CounterActor());
        Assert.True(system.Step());
        Assert.False(system.Step());
    }

    [Fact]
    public void A_run_cannot_be_driven_from_inside_a_handler()
    {
        var system = new DeterministicActorSystem(11);
        var failures = new Recorder<ActorFailure>();
        system.ActorFailed += (_, f) => failures.Add(f);
        system.Spawn(() => new Reentrant(system)).Tell(0);

        system.RunUntilIdle();

        Assert.IsType<InvalidOperationException>(failures.Items[0].Exception);
    }

    [Fact]
    public void Ten_thousand_seeded_runs_complete()
    {
        for (var seed = 0; seed < 10_000; seed++)
        {
            var system = new DeterministicActorSystem(seed);
            PingPong.Start(system, pairs: 3, rounds: 20);
            Assert.Equal(6 + (3 * 21), system.RunUntilQuiescent());
        }
    }

    private static List<TraceStep> Run(int seed)
    {
        var system = new DeterministicActorSystem(seed) { RecordTrace = true };
        PingPong.Start(system, pairs: 3, rounds: 6);
        system.RunUntilQuiescent();
        return [.. system.Trace];
    }

    private sealed class Reentrant(DeterministicActorSystem system) : Actor<int>
    {
        protected override void Receive(int message) => system.RunUntilIdle();
    }
}
