using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class ContextAskTests
{
    [Fact]
    public void An_actor_receives_the_reply_to_its_ask_as_a_message()
    {
        var system = new DeterministicActorSystem(1);
        var seen = new Recorder<string>();
        var counter = system.Spawn(() => new CounterActor(12));
        system.Spawn(() => new Asker(counter, TimeSpan.FromSeconds(1), seen));

        system.RunUntilQuiescent();

        Assert.Equal(["reply:12"], seen.Items);
    }

    [Fact]
    public void An_actor_receives_a_timeout_message_when_no_reply_comes_in_time()
    {
        var system = new DeterministicActorSystem(2);
        var seen = new Recorder<string>();
        var silent = system.Spawn(() => new RecordingActor<CounterMsg>(new Recorder<CounterMsg>()));
        system.Spawn(() => new Asker(silent, TimeSpan.FromSeconds(3), seen));

        system.RunUntilQuiescent();

        Assert.Equal(["failed:AskTimeoutException"], seen.Items);
        Assert.Equal(TimeSpan.FromSeconds(3), system.Elapsed);
    }

    [Fact]
    public void A_reply_after_the_timeout_is_a_dead_letter_and_not_delivered()
    {
        var system = new DeterministicActorSystem(3);
        var seen = new Recorder<string>();
        var held = new Recorder<CounterMsg>();
        var holder = system.Spawn(() => new RecordingActor<CounterMsg>(held));
        system.Spawn(() => new Asker(holder, TimeSpan.FromSeconds(3), seen));
        system.RunUntilQuiescent();

        ((CounterMsg.Get)held.Items.Single()).ReplyTo.Tell(99);
        system.RunUntilQuiescent();

        Assert.Equal(["failed:AskTimeoutException"], seen.Items);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public void An_adapted_address_maps_messages_of_another_protocol_into_the_actors_own()
    {
        var system = new DeterministicActorSystem(4);
        var counter = system.Spawn(() => new CounterActor());
        IActorRef<int> adder = counter.Adapt((int n) => new CounterMsg.Add(n));

        adder.Tell(4);
        adder.Tell(5);

        Assert.Equal(9, system.Run(counter.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromSeconds(1))));
        Assert.Equal(counter.Path, adder.Path);
    }

    [Fact]
    public void A_reference_to_a_protocol_serves_as_a_reference_to_each_of_its_messages()
    {
        var system = new DeterministicActorSystem(5);
        var counter = system.Spawn(() => new CounterActor());
        IActorRef<CounterMsg.Add> narrow = counter;

        narrow.Tell(new CounterMsg.Add(2));

        Assert.Equal(2, system.Run(counter.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromSeconds(1))));
    }

    private sealed class Asker : Actor<string>
    {
        private readonly Recorder<string> _seen;

        public Asker(IActorRef<CounterMsg> target, TimeSpan timeout, Recorder<string> seen)
        {
            _seen = seen;
            Context.Ask<CounterMsg, int>(target, r => new CounterMsg.Get(r), timeout, n => "reply:" + n, ex => "failed:" + ex.GetType().Name);
        }

        protected override void Receive(string message) => _seen.Add(message);
    }
}
