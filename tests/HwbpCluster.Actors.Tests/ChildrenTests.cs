using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class ChildrenTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_spawned_child_lives_under_its_parents_path()
    {
        var system = new DeterministicActorSystem(1);
        var lifecycle = new Recorder<string>();
        var parent = system.Spawn(() => new ParentActor(SupervisorStrategy.Default, lifecycle), "parent");

        var child = system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("c1", 3, r), Timeout));

        Assert.Equal("/user/parent/c1", child.Path);
        Assert.Equal(3, system.Run(child.Ask<int>(r => new CounterMsg.Get(r), Timeout)));
    }

    [Fact]
    public void Stopping_a_parent_stops_its_children_first_and_then_the_parent()
    {
        var system = new DeterministicActorSystem(2);
        var lifecycle = new Recorder<string>();
        var parent = system.Spawn(() => new ParentActor(SupervisorStrategy.Default, lifecycle), "p");
        system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("a", 0, r), Timeout));
        system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("b", 0, r), Timeout));

        system.Stop(parent);
        system.RunUntilQuiescent();

        var stops = lifecycle.Items.Where(s => s.StartsWith("stop:", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, stops.Count);
        Assert.Equal("stop:/user/p", stops[^1]);
        Assert.Contains("stop:/user/p/a", stops);
        Assert.Contains("stop:/user/p/b", stops);
    }

    [Fact]
    public void A_second_live_child_with_the_same_name_is_refused()
    {
        var system = new DeterministicActorSystem(3);
        var lifecycle = new Recorder<string>();
        var failures = new Recorder<ActorFailure>();
        system.ActorFailed += (_, f) => failures.Add(f);
        var parent = system.Spawn(() => new ParentActor(SupervisorStrategy.Default, lifecycle), "p");
        system.Run(parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("same", 0, r), Timeout));

        parent.Tell(new ParentMsg.SpawnCounter("same", 0, system.Spawn(() => new RecordingActor<IActorRef<CounterMsg>>(new()))));
        system.RunUntilQuiescent();

        Assert.IsType<ArgumentException>(Assert.Single(failures.Items).Exception);
    }

    [Fact]
    public void Top_level_actor_names_are_unique_while_alive_and_reusable_after_stop()
    {
        var system = new DeterministicActorSystem(4);
        var first = system.Spawn(() => new CounterActor(), "x");
        Assert.Throws<ArgumentException>(() => system.Spawn(() => new CounterActor(), "x"));

        system.Stop(first);
        system.RunUntilIdle();

        Assert.Equal("/user/x", system.Spawn(() => new CounterActor(), "x").Path);
    }
}
