using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests.Contract;

/// <summary>Behaviour both systems must share; each derived class runs it on one of them.</summary>
public abstract class ActorSystemContract
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var system = CreateSystem();
        var counter = system.Spawn(() => new CounterActor(3));

        Assert.Equal(3, await Wait(system, counter.Ask<int>(r => new CounterMsg.Get(r), Timeout)));
    }

    [Fact]
    public async Task Restart_rebuilds_state_and_keeps_the_messages_queued_behind_the_failure()
    {
        var system = CreateSystem();
        var counter = system.Spawn(() => new CounterActor(100));
        counter.Tell(new CounterMsg.Add(5));
        counter.Tell(new CounterMsg.Throw("boom"));
        counter.Tell(new CounterMsg.Add(1));

        Assert.Equal(101, await Wait(system, counter.Ask<int>(r => new CounterMsg.Get(r), Timeout)));
    }

    [Fact]
    public async Task A_watcher_is_told_when_the_watched_actor_stops_and_later_messages_are_dead_letters()
    {
        var system = CreateSystem();
        var counter = system.Spawn(() => new CounterActor(), "watched");
        var gone = NewSignal<string>();
        // No race with the stop below: watching an actor that has already stopped notifies at once.
        system.Spawn(() => new SignalOnGone(counter, gone));

        system.Stop(counter);

        Assert.Equal("/user/watched", await Wait(system, gone.Task));
        counter.Tell(new CounterMsg.Add(1));
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Stopping_a_parent_stops_its_children_before_it()
    {
        var system = CreateSystem();
        var lifecycle = new Recorder<string>();
        var parent = system.Spawn(() => new ParentActor(SupervisorStrategy.Default, lifecycle), "p");
        await Wait(system, parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("a", 0, r), Timeout));
        await Wait(system, parent.Ask<IActorRef<CounterMsg>>(r => new ParentMsg.SpawnCounter("b", 0, r), Timeout));
        var gone = NewSignal<string>();
        system.Spawn(() => new SignalOnGone(parent, gone));

        system.Stop(parent);
        await Wait(system, gone.Task);

        var stops = lifecycle.Items.Where(s => s.StartsWith("stop:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["stop:/user/p/a", "stop:/user/p/b"], stops.Take(2).Order(StringComparer.Ordinal));
        Assert.Equal("stop:/user/p", stops[^1]);
    }

    [Fact]
    public async Task The_terminated_message_arrives_after_every_message_the_stopped_actor_sent_to_the_watcher()
    {
        var system = CreateSystem();
        var done = NewSignal<IReadOnlyList<string>>();
        var watcher = system.Spawn(() => new OrderedWatcher(done));

        watcher.Tell("start");

        Assert.Equal([.. Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "gone"],
            await Wait(system, done.Task));
    }

    private protected abstract ActorSystem CreateSystem();

    /// <summary>Completes when <paramref name="task"/> has, driving the system if it needs driving.</summary>
    private protected abstract Task<T> Wait<T>(ActorSystem system, Task<T> task);

    /// <summary>Spawns a child that sends it 50 messages and stops; records them and the terminated message.</summary>
    private sealed class OrderedWatcher(TaskCompletionSource<IReadOnlyList<string>> done) : Actor<string>
    {
        private readonly List<string> _seen = [];

        protected override void Receive(string message)
        {
            if (message == "start")
            {
                var self = Self;
                var child = Context.Spawn(() => new Chatty(self));
                Context.Watch(child, "gone");
                return;
            }

            _seen.Add(message);
            if (message == "gone")
            {
                done.TrySetResult(_seen);
            }
        }
    }

    private sealed class Chatty : Actor<string>
    {
        public Chatty(IActorRef<string> to)
        {
            for (var i = 0; i < 50; i++)
            {
                to.Tell(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            Context.Stop(Self);
        }

        protected override void Receive(string message)
        {
        }
    }

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
