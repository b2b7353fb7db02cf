using HwbpCluster.Actors.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace HwbpCluster.Actors.Tests;

public sealed class ThreadPoolActorSystemTests
{
    [Fact]
    public async Task Many_concurrent_senders_lose_and_duplicate_nothing_and_keep_per_sender_order()
    {
        const int Senders = 8;
        const int PerSender = 20_000;
        await using var system = ActorSystem.Create("concurrency", options: new ActorSystemOptions { Throughput = 7 });
        var done = new TaskCompletionSource<List<(int Sender, int Seq)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = system.Spawn(() => new Collector(Senders * PerSender, done));

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                sink.Tell((s, i));
            }
        })));
        var received = await done.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(Senders * PerSender, received.Count);
        foreach (var group in received.GroupBy(r => r.Sender))
        {
            Assert.Equal(Enumerable.Range(0, PerSender), group.Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task Restarts_under_concurrent_senders_lose_only_the_failing_messages()
    {
        const int Senders = 4;
        const int PerSender = 5_000;
        var unlimited = new ActorSystemOptions { GuardianStrategy = new SupervisorStrategy(_ => Directive.Restart, maxRestarts: -1) };
        await using var system = ActorSystem.Create("restarts", options: unlimited);
        var recorder = new Recorder<(int Sender, int Seq)>();
        var expected = Senders * (PerSender - (PerSender / 100));
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sink = system.Spawn(() => new FailEveryHundredth(recorder, expected, done));

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                sink.Tell((s, i));
            }
        })));
        await done.Task.WaitAsync(TimeSpan.FromMinutes(1));

        foreach (var group in recorder.Items.GroupBy(r => r.Sender))
        {
            Assert.Equal(Enumerable.Range(0, PerSender).Where(i => i % 100 != 99), group.Select(r => r.Seq));
        }
    }

    [Fact]
    public async Task Actors_talking_to_actors_on_the_thread_pool_finish_their_exchange()
    {
        await using var system = ActorSystem.Create("pingpong");
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = system.Spawn(() => new Finisher(done));
        var relay = system.Spawn(() => new Relay(last, 50_000));

        relay.Tell(0);

        await done.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Terminate_stops_every_actor_and_later_messages_become_dead_letters()
    {
        var system = ActorSystem.Create("terminate");
        var lifecycle = new Recorder<string>();
        var counter = system.Spawn(() => new CounterActor(0, lifecycle), "c");

        await system.TerminateAsync().WaitAsync(TimeSpan.FromMinutes(1));
        counter.Tell(new CounterMsg.Add(1));

        Assert.Equal(["start:/user/c", "stop:/user/c"], lifecycle.Items);
        Assert.Equal(1, system.DeadLetterCount);
    }

    [Fact]
    public async Task Timers_run_on_the_injected_time_provider()
    {
        var time = new FakeTimeProvider();
        await using var system = ActorSystem.Create("timers", time);
        var fired = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.Spawn(() => new Alarm(fired));
        await actor.Ask<bool>(r => new Alarm.Arm(TimeSpan.FromHours(1), r), TimeSpan.FromMinutes(1));

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(fired.Task.IsCompleted);

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("ring", await fired.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Ask_times_out_on_the_injected_time_provider()
    {
        var time = new FakeTimeProvider();
        await using var system = ActorSystem.Create("ask-timeout", time);
        var silent = system.Spawn(() => new RecordingActor<CounterMsg>(new Recorder<CounterMsg>()));
        var answer = silent.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(answer.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => answer.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_throwing_event_subscriber_does_not_stop_the_actors()
    {
        await using var system = ActorSystem.Create("subscriber");
        system.ActorFailed += (_, _) => throw new InvalidOperationException("bad subscriber");
        var counter = system.Spawn(() => new CounterActor(1));

        counter.Tell(new CounterMsg.Throw("boom"));

        Assert.Equal(1, await counter.Ask<int>(r => new CounterMsg.Get(r), TimeSpan.FromMinutes(1)));
    }

    private sealed class Alarm(TaskCompletionSource<string> fired) : Actor<object>
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case Arm arm:
                    Context.ScheduleTell(arm.After, "ring");
                    arm.ReplyTo.Tell(true);
                    break;
                case string s:
                    fired.TrySetResult(s);
                    break;
                default:
                    break;
            }
        }

        public sealed record Arm(TimeSpan After, IActorRef<bool> ReplyTo);
    }

    private sealed class FailEveryHundredth(Recorder<(int, int)> recorder, int expected, TaskCompletionSource done) : Actor<(int, int)>
    {
        protected override void Receive((int, int) message)
        {
            if (message.Item2 % 100 == 99)
            {
                throw new InvalidOperationException("planned");
            }

            recorder.Add(message);
            if (recorder.Count == expected)
            {
                done.SetResult();
            }
        }
    }

    private sealed class Collector(int expected, TaskCompletionSource<List<(int, int)>> done) : Actor<(int, int)>
    {
        private readonly List<(int, int)> _received = [];

        protected override void Receive((int, int) message)
        {
            _received.Add(message);
            if (_received.Count == expected)
            {
                done.SetResult(_received);
            }
        }
    }

    private sealed class Relay(IActorRef<int> last, int limit) : Actor<int>
    {
        protected override void Receive(int message)
        {
            if (message < limit)
            {
                Self.Tell(message + 1);
            }
            else
            {
                last.Tell(message);
            }
        }
    }

    private sealed class Finisher(TaskCompletionSource done) : Actor<int>
    {
        protected override void Receive(int message) => done.SetResult();
    }
}
