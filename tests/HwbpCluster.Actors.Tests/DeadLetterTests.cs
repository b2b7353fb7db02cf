using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public void Messages_to_a_stopped_actor_are_counted_and_published_as_dead_letters()
    {
        var system = new DeterministicActorSystem(1);
        var letters = new Recorder<DeadLetter>();
        system.DeadLetterPublished += (_, d) => letters.Add(d);
        var target = system.Spawn(() => new CounterActor(), "gone");
        system.Stop(target);
        system.RunUntilIdle();

        target.Tell(new CounterMsg.Add(1));
        target.Tell(new CounterMsg.Add(2));

        Assert.Equal(2, system.DeadLetterCount);
        Assert.Equal([new CounterMsg.Add(1), new CounterMsg.Add(2)], letters.Items.Select(d => d.Message));
        Assert.All(letters.Items, d => Assert.Equal("/user/gone", d.Recipient.Path));
    }

    [Fact]
    public void Messages_queued_when_an_actor_stops_itself_become_dead_letters()
    {
        var system = new DeterministicActorSystem(2);
        var target = system.Spawn(() => new SelfStopper());
        target.Tell("stop");
        target.Tell("late-1");
        target.Tell("late-2");

        system.RunUntilQuiescent();

        Assert.Equal(2, system.DeadLetterCount);
    }

    private sealed class SelfStopper : Actor<string>
    {
        protected override void Receive(string message) => Context.Stop(Self);
    }
}
