using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class TimerTests
{
    [Fact]
    public void Scheduled_messages_fire_at_their_virtual_times_in_order()
    {
        var system = new DeterministicActorSystem(1);
        var fired = new Recorder<(string Name, TimeSpan At)>();
        var actor = system.Spawn(() => new Scheduler(fired, system));
        actor.Tell(new Schedule("c", TimeSpan.FromSeconds(3)));
        actor.Tell(new Schedule("a", TimeSpan.FromSeconds(1)));
        actor.Tell(new Schedule("b", TimeSpan.FromSeconds(2)));

        system.RunUntilQuiescent();

        Assert.Equal([("a", TimeSpan.FromSeconds(1)), ("b", TimeSpan.FromSeconds(2)), ("c", TimeSpan.FromSeconds(3))], fired.Items);
    }

    [Fact]
    public void A_cancelled_timer_never_delivers()
    {
        var system = new DeterministicActorSystem(2);
        var fired = new Recorder<(string Name, TimeSpan At)>();
        var actor = system.Spawn(() => new Scheduler(fired, system));
        actor.Tell(new Schedule("keep", TimeSpan.FromSeconds(2)));
        actor.Tell(new Schedule("drop", TimeSpan.FromSeconds(1)));
        actor.Tell(new Cancel("drop"));

        system.RunUntilQuiescent();

        Assert.Equal([("keep", TimeSpan.FromSeconds(2))], fired.Items);
    }

    [Fact]
    public void A_repeating_timer_fires_every_interval_until_cancelled()
    {
        var system = new DeterministicActorSystem(3);
        var fired = new Recorder<(string Name, TimeSpan At)>();
        var actor = system.Spawn(() => new Scheduler(fired, system));
        actor.Tell(new Schedule("tick", TimeSpan.FromSeconds(1), Repeat: true));

        system.AdvanceTime(TimeSpan.FromSeconds(3.5));
        actor.Tell(new Cancel("tick"));
        system.RunUntilQuiescent();

        Assert.Equal([1, 2, 3], fired.Items.Select(f => f.At.TotalSeconds));
    }

    [Fact]
    public void Stopping_an_actor_cancels_its_timers()
    {
        var system = new DeterministicActorSystem(4);
        var fired = new Recorder<(string Name, TimeSpan At)>();
        var actor = system.Spawn(() => new Scheduler(fired, system));
        actor.Tell(new Schedule("never", TimeSpan.FromSeconds(1), Repeat: true));
        system.RunUntilIdle();

        system.Stop(actor);
        system.RunUntilQuiescent();

        Assert.Empty(fired.Items);
        Assert.Equal(0, system.DeadLetterCount);
    }

    [Fact]
    public void Virtual_time_moves_only_when_no_mailbox_is_ready()
    {
        var system = new DeterministicActorSystem(5);
        var fired = new Recorder<(string Name, TimeSpan At)>();
        var actor = system.Spawn(() => new Scheduler(fired, system));
        actor.Tell(new Schedule("t", TimeSpan.Zero));
        for (var i = 0; i < 100; i++)
        {
            actor.Tell(new Noop());
        }

        system.RunSteps(50);
        Assert.Empty(fired.Items);
        Assert.Equal(TimeSpan.Zero, system.Elapsed);

        system.RunUntilIdle();
        Assert.Empty(fired.Items);

        system.RunUntilQuiescent();
        Assert.Equal([("t", TimeSpan.Zero)], fired.Items);
    }

    private abstract record TimerMsg;

    private sealed record Schedule(string Name, TimeSpan Delay, bool Repeat = false) : TimerMsg;

    private sealed record Cancel(string Name) : TimerMsg;

    private sealed record Fired(string Name) : TimerMsg;

    private sealed record Noop : TimerMsg;

    private sealed class Scheduler(Recorder<(string, TimeSpan)> fired, DeterministicActorSystem system) : Actor<TimerMsg>
    {
        private readonly Dictionary<string, TimerHandle> _timers = [];

        protected override void Receive(TimerMsg message)
        {
            switch (message)
            {
                case Schedule s:
                    _timers[s.Name] = s.Repeat
                        ? Context.ScheduleTellRepeatedly(s.Delay, s.Delay, new Fired(s.Name))
                        : Context.ScheduleTell(s.Delay, new Fired(s.Name));
                    break;
                case Cancel c:
                    _timers[c.Name].Cancel();
                    break;
                case Fired f:
                    fired.Add((f.Name, system.Elapsed));
                    break;
                default:
                    break;
            }
        }
    }
}
