using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class DeterministicActorSystemTests
{
    private const string GoldenSeed7 =
        "ping-0 ping-1 pong-1 pong-0 ping-1 ping-0 pong-1 pong-0 ping-0 ping-1";

    [Fact]
    public void The_same_seed_replays_the_same_trace()
    {
        // Messages hold addresses of their own system, so runs are compared by their printed form.
        Prop.ForAll<int>(seed => Run(seed).Select(s => s.ToString()).SequenceEqual(Run(seed).Select(s => s.ToString())))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_seed_replays_the_same_interleaving_in_every_process()
    {
        // Golden order for seed 7: it pins the seeded choice, so a seed printed by a failing CI run replays locally.
        // Update it only when the scheduling itself is changed on purpose.
        var actors = string.Join(" ", Run(7, pairs: 2, rounds: 2).Select(s => s.Actor.Replace("/user/", "", StringComparison.Ordinal)));

        Assert.Equal(GoldenSeed7, actors);
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
    public void RunUntil_stops_as_soon_as_the_condition_holds()
    {
        var system = new DeterministicActorSystem(12);
        var recorder = new Recorder<int>();
        var target = system.Spawn(() => new RecordingActor<int>(recorder));
        for (var i = 0; i < 10; i++)
        {
            target.Tell(i);
        }

        Assert.True(system.RunUntil(() => recorder.Items.Count == 3));
        Assert.Equal([0, 1, 2], recorder.Items);
        Assert.False(system.RunUntil(() => recorder.Items.Count == 11));
    }

    [Fact]
    public void A_counter_matches_its_model_through_any_mix_of_adds_failures_and_reads()
    {
        // Model: a failure restarts the counter at its initial value; reads see every earlier add since then.
        var op = Gen.Frequency(
            (5, Gen.Choose(-3, 3).Select(n => (Kind: 'a', N: n))),
            (1, Gen.Constant((Kind: 'f', N: 0))),
            (2, Gen.Constant((Kind: 'g', N: 0))));
        Prop.ForAll(Arb.From(Gen.ListOf(op).Select(l => l.ToArray())), Arb.From(Gen.Choose(0, int.MaxValue)), (ops, seed) =>
        {
            var unlimited = new ActorSystemOptions { GuardianStrategy = new SupervisorStrategy(_ => Directive.Restart, maxRestarts: -1) };
            var system = new DeterministicActorSystem(seed, unlimited);
            var counter = system.Spawn(() => new CounterActor(10));
            var expected = new List<int>();
            var reads = new List<Task<int>>();
            var model = 10;
            foreach (var (kind, n) in ops)
            {
                switch (kind)
                {
                    case 'a':
                        model += n;
                        counter.Tell(new CounterMsg.Add(n));
                        break;
                    case 'f':
                        model = 10;
                        counter.Tell(new CounterMsg.Throw("model"));
                        break;
                    default:
                        expected.Add(model);
                        reads.Add(counter.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromSeconds(1)));
                        break;
                }
            }

            system.RunUntilQuiescent();
            return reads.Select(t => t.IsCompletedSuccessfully ? t.Result : int.MinValue).SequenceEqual(expected);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Without_timer_preemption_a_reply_in_flight_always_beats_its_timeout()
    {
        Assert.All(Enumerable.Range(0, 200), seed => Assert.Equal("reply:0", AskRace(seed, preemption: 0)));
    }

    [Fact]
    public void With_timer_preemption_some_seeds_let_the_timeout_overtake_the_reply()
    {
        var outcomes = Enumerable.Range(0, 200).Select(seed => AskRace(seed, preemption: 0.3)).ToHashSet();

        Assert.Equal(["reply:0", "failed:AskTimeoutException"], outcomes.Order(StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void A_message_from_another_thread_during_a_run_is_refused()
    {
        var system = new DeterministicActorSystem(13);
        var recorder = new Recorder<int>();
        var target = system.Spawn(() => new RecordingActor<int>(recorder));
        Exception? refused = null;
        system.Spawn(() => new CallbackActor(() =>
        {
            var thread = new Thread(() => refused = Record.Exception(() => target.Tell(1)));
            thread.Start();
            thread.Join();
        })).Tell(0);

        system.RunUntilQuiescent();

        Assert.IsType<InvalidOperationException>(refused);
        Assert.Empty(recorder.Items);
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

    private static List<TraceStep> Run(int seed, int pairs = 3, int rounds = 6)
    {
        var system = new DeterministicActorSystem(seed) { RecordTrace = true };
        PingPong.Start(system, pairs, rounds);
        system.RunUntilQuiescent();
        return [.. system.Trace];
    }

    private static string AskRace(int seed, double preemption)
    {
        var system = new DeterministicActorSystem(seed) { TimerPreemption = preemption };
        var seen = new Recorder<string>();
        var counter = system.Spawn(() => new CounterActor());
        system.Spawn(() => new RaceAsker(counter, seen));
        system.RunUntilQuiescent();
        return seen.Items.Single();
    }

    private sealed class RaceAsker : Actor<string>
    {
        private readonly Recorder<string> _seen;

        public RaceAsker(IActorRef<CounterMsg> target, Recorder<string> seen)
        {
            _seen = seen;
            Context.Ask<CounterMsg, int>(target, r => new CounterMsg.Get(r), TimeSpan.FromSeconds(1), n => "reply:" + n, ex => "failed:" + ex.GetType().Name);
        }

        protected override void Receive(string message) => _seen.Add(message);
    }

    private sealed class CallbackActor(Action callback) : Actor<int>
    {
        protected override void Receive(int message) => callback();
    }

    private sealed class Reentrant(DeterministicActorSystem system) : Actor<int>
    {
        protected override void Receive(int message) => system.RunUntilIdle();
    }
}
