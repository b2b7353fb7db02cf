using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class SupervisionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Restart_rebuilds_state_from_the_factory_and_keeps_the_queued_messages()
    {
        var system = new DeterministicActorSystem(1);
        var lifecycle = new Recorder<string>();
        var counter = system.Spawn(() => new CounterActor(10, lifecycle), "c");
        system.RunUntilIdle();

        counter.Tell(new CounterMsg.Add(5));
        counter.Tell(new CounterMsg.Throw("boom"));
        counter.Tell(new CounterMsg.Add(1));
        var answer = counter.Ask<int>(r => new CounterMsg.Get(r), Timeout);

        Assert.Equal(11, system.Run(answer));
        Assert.Equal(["start:/user/c", "pre-restart:boom", "post-restart:boom"], lifecycle.Items);
    }

    [Fact]
    public void Resume_keeps_the_state_and_drops_only_the_failing_message()
    {
        var system = new DeterministicActorSystem(2);
        var lifecycle = new Recorder<string>();
        var parent = system.Spawn(() => new ParentActor(new SupervisorStrategy(_ => Directive.Resume), lifecycle));
        var child = system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("c", 10, r), Timeout));

        child.Tell(new CounterMsg.Add(5));
        child.Tell(new CounterMsg.Throw("boom"));
        child.Tell(new CounterMsg.Add(1));

        Assert.Equal(16, system.Run(child.Ask<int>(r => new CounterMsg.Get(r), Timeout)));
    }

    [Fact]
    public void Stop_directive_stops_the_child_and_its_later_messages_become_dead_letters()
    {
        var system = new DeterministicActorSystem(3);
        var lifecycle = new Recorder<string>();
        var parent = system.Spawn(() => new ParentActor(SupervisorStrategy.Stopping, lifecycle), "p");
        var child = system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("c", 0, r), Timeout));

        child.Tell(new CounterMsg.Throw("boom"));
        child.Tell(new CounterMsg.Add(1));
        system.RunUntilQuiescent();

        Assert.Contains("stop:/user/p/c", lifecycle.Items);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public void Escalate_fails_the_parent_whose_restart_stops_the_children()
    {
        var system = new DeterministicActorSystem(4);
        var lifecycle = new Recorder<string>();
        var failures = new Recorder<ActorFailure>();
        system.ActorFailed += (_, f) => failures.Add(f);
        var parent = system.Spawn(() => new ParentActor(new SupervisorStrategy(_ => Directive.Escalate), lifecycle), "p");
        var child = system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("c", 0, r), Timeout));

        child.Tell(new CounterMsg.Throw("deep"));
        system.RunUntilQuiescent();

        Assert.Equal([("/user/p/c", Directive.Escalate), ("/user/p", Directive.Restart)], failures.Items.Select(f => (f.Actor.Path, f.Directive)));
        Assert.Contains("stop:/user/p/c", lifecycle.Items);
        Assert.Equal(2, lifecycle.Items.Count(s => s == "start:/user/p"));
    }

    [Fact]
    public void A_child_that_keeps_failing_is_stopped_after_its_restart_budget()
    {
        var system = new DeterministicActorSystem(5);
        var lifecycle = new Recorder<string>();
        var strategy = new SupervisorStrategy(_ => Directive.Restart, maxRestarts: 2, within: TimeSpan.FromMinutes(1));
        var parent = system.Spawn(() => new ParentActor(strategy, lifecycle), "p");
        var child = system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("c", 0, r), Timeout));

        for (var i = 0; i < 3; i++)
        {
            child.Tell(new CounterMsg.Throw("again"));
            system.RunUntilQuiescent();
        }

        Assert.Equal(2, lifecycle.Items.Count(s => s == "post-restart:again"));
        Assert.Contains("stop:/user/p/c", lifecycle.Items);
    }

    [Fact]
    public void A_top_level_actor_that_escalates_is_stopped()
    {
        var system = new DeterministicActorSystem(7, new ActorSystemOptions { GuardianStrategy = new SupervisorStrategy(_ => Directive.Escalate) });
        var lifecycle = new Recorder<string>();
        var counter = system.Spawn(() => new CounterActor(0, lifecycle), "top");

        counter.Tell(new CounterMsg.Throw("up"));
        system.RunUntilQuiescent();

        Assert.Equal(["start:/user/top", "stop:/user/top"], lifecycle.Items);
    }

    [Fact]
    public void A_restart_cancels_the_timers_of_the_failed_instance()
    {
        var system = new DeterministicActorSystem(8);
        var ticks = new Recorder<string>();
        var instances = new int[1];
        var actor = system.Spawn(() => new TickingActor(ticks, instances));
        system.RunUntilIdle();

        actor.Tell("fail");
        system.AdvanceTime(TimeSpan.FromSeconds(10));

        // The new instance arms its own timer in its constructor; the old instance's timer never fires.
        Assert.Equal(["tick:2"], ticks.Items);
    }

    [Fact]
    public void A_factory_that_throws_stops_the_actor_under_the_default_strategy()
    {
        var system = new DeterministicActorSystem(6);
        var failures = new Recorder<ActorFailure>();
        system.ActorFailed += (_, f) => failures.Add(f);
        var broken = system.Spawn<int>(() => throw new InvalidOperationException("no"));

        system.RunUntilQuiescent();
        broken.Tell(1);

        var failure = Assert.Single(failures.Items);
        Assert.IsType<ActorInitializationException>(failure.Exception);
        Assert.Equal(Directive.Stop, failure.Directive);
        Assert.Equal(1, system.DeadLetterCount);
    }

    private sealed class TickingActor : Actor<string>
    {
        private readonly Recorder<string> _ticks;
        private readonly int _instance;

        public TickingActor(Recorder<string> ticks, int[] instances)
        {
            _ticks = ticks;
            _instance = ++instances[0];
            Context.ScheduleTell(TimeSpan.FromSeconds(5), "tick");
        }

        protected override void Receive(string message)
        {
            if (message == "fail")
            {
                throw new InvalidOperationException("fail");
            }

            _ticks.Add(message + ":" + _instance);
        }
    }
}
