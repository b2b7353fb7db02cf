using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class DeathWatchTests
{
    [Fact]
    public void A_watcher_learns_when_the_watched_actor_is_stopped()
    {
        var system = new DeterministicActorSystem(1);
        var seen = new Recorder<string>();
        var watcher = system.Spawn(() => new WatcherActor(seen));
        var target = system.Spawn(() => new CounterActor(), "target");
        watcher.Tell(new WatcherMsg.WatchIt(target));
        system.RunUntilIdle();
        Assert.Empty(seen.Items);

        system.Stop(target);
        system.RunUntilQuiescent();

        Assert.Equal(["/user/target"], seen.Items);
    }

    [Fact]
    public void A_watcher_learns_when_the_watched_actor_is_stopped_by_its_supervisor_after_a_failure()
    {
        var system = new DeterministicActorSystem(2, new ActorSystemOptions { GuardianStrategy = SupervisorStrategy.Stopping });
        var seen = new Recorder<string>();
        var watcher = system.Spawn(() => new WatcherActor(seen));
        var target = system.Spawn(() => new CounterActor(), "fragile");
        watcher.Tell(new WatcherMsg.WatchIt(target));
        system.RunUntilIdle();

        target.Tell(new CounterMsg.Throw("fatal"));
        system.RunUntilQuiescent();

        Assert.Equal(["/user/fragile"], seen.Items);
    }

    [Fact]
    public void Watching_an_already_stopped_actor_notifies_at_once()
    {
        var system = new DeterministicActorSystem(3);
        var seen = new Recorder<string>();
        var target = system.Spawn(() => new CounterActor(), "dead");
        system.Stop(target);
        system.RunUntilIdle();

        system.Spawn(() => new WatcherActor(seen)).Tell(new WatcherMsg.WatchIt(target));
        system.RunUntilQuiescent();

        Assert.Equal(["/user/dead"], seen.Items);
    }

    [Fact]
    public void An_unwatched_actor_stops_without_notifying()
    {
        var system = new DeterministicActorSystem(4);
        var seen = new Recorder<string>();
        var watcher = system.Spawn(() => new WatcherActor(seen));
        var target = system.Spawn(() => new CounterActor());
        watcher.Tell(new WatcherMsg.WatchIt(target));
        watcher.Tell(new WatcherMsg.UnwatchIt(target));
        system.RunUntilIdle();

        system.Stop(target);
        system.RunUntilQuiescent();

        Assert.Empty(seen.Items);
    }

    [Fact]
    public void Watching_through_an_adapted_address_watches_the_actor_behind_it()
    {
        var system = new DeterministicActorSystem(5);
        var seen = new Recorder<string>();
        var watcher = system.Spawn(() => new WatcherActor(seen));
        var target = system.Spawn(() => new CounterActor(), "behind");
        var adapted = target.Adapt((int n) => new CounterMsg.Add(n));
        watcher.Tell(new WatcherMsg.WatchIt(adapted));
        system.RunUntilIdle();

        system.Stop(adapted);
        system.RunUntilQuiescent();

        Assert.Equal(["/user/behind"], seen.Items);
    }
}
