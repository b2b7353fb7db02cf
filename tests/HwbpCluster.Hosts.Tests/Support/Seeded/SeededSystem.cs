using Akka.Actor;
using Akka.Configuration;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Tests.Support.Seeded;

/// <summary>An Akka.NET actor system whose host actors run one message at a time in a seeded order, on the test's thread, in virtual time.</summary>
/// <remarks>
/// The host actors run on <see cref="SeededDispatcher"/>: each step runs one ready mailbox chosen by a seeded Random, so the
/// same seed gives the same interleaving. Time is a <see cref="VirtualTime"/> given to the hosts as their clock; it moves
/// only when nothing is ready (or when a test advances it), so a reply in flight always beats a timeout. Akka's own
/// scheduler is the TestKit's TestScheduler (no thread; the hosts do not use it). One system may serve many schedules in a
/// row (<see cref="Reset"/>), as creating a system costs far more than a schedule.
/// </remarks>
public sealed class SeededSystem : IDisposable
{
    public const string DispatcherId = "hwbp-seeded";

    private static readonly Config Settings = ConfigurationFactory.ParseString($$"""
        {{DispatcherId}} {
          type = "{{typeof(SeededDispatcherConfigurator).AssemblyQualifiedName}}"
          throughput = 1
        }
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.actor.serialization-settings.allow-unregistered-types = false
        akka.loglevel = ERROR
        akka.stdout-loglevel = ERROR
        """);

    private readonly SeededDispatcher _dispatcher;
    private Random _random;

    public SeededSystem(int seed = 1)
    {
        System = ActorSystem.Create("seeded", Settings);
        _dispatcher = (SeededDispatcher)System.Dispatchers.Lookup(DispatcherId);
        _random = new Random(seed);
        Seed = seed;
    }

    public ActorSystem System { get; }

    public VirtualTime Time { get; private set; } = new();

    public int Seed { get; private set; }

    /// <summary>Mailbox runs and timer firings so far: the order in which linearization points were decided.</summary>
    public long StepCount { get; private set; }

    /// <summary>Starts a new schedule: a new seed and clock, and nothing ready from the previous one.</summary>
    public void Reset(int seed)
    {
        _dispatcher.Clear();
        _random = new Random(seed);
        Seed = seed;
        Time = new VirtualTime();
        StepCount = 0;
    }

    /// <summary>Runs one ready mailbox; if none is ready, fires the earliest timer. False when nothing is ready and no timer is pending.</summary>
    public bool Step()
    {
        if (_dispatcher.RunOne(_random.Next) || Time.FireNext())
        {
            StepCount++;
            return true;
        }

        return false;
    }

    /// <summary>Takes up to <paramref name="count"/> steps; returns how many were taken.</summary>
    public long RunSteps(long count)
    {
        long taken = 0;
        while (taken < count && Step())
        {
            taken++;
        }

        return taken;
    }

    /// <summary>Runs ready mailboxes until none is ready, without moving time; returns the steps taken.</summary>
    public long RunUntilIdle()
    {
        long taken = 0;
        while (_dispatcher.RunOne(_random.Next))
        {
            StepCount++;
            taken++;
        }

        return taken;
    }

    /// <summary>Steps (firing timers when idle) until nothing is ready and no timer is pending; returns the steps taken.</summary>
    public long RunUntilQuiescent(long maxSteps = 10_000_000)
    {
        long taken = 0;
        while (Step())
        {
            if (++taken > maxSteps)
            {
                throw new InvalidOperationException($"Seed {Seed}: not quiescent after {maxSteps} steps.");
            }
        }

        return taken;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, handling every message and timer due on the way, in order.</summary>
    public void AdvanceTime(TimeSpan delta)
    {
        var target = Time.GetTimestamp() + delta.Ticks;
        RunUntilIdle();
        while (Time.PeekDue() is { } due && due <= target)
        {
            Time.FireNext();
            StepCount++;
            RunUntilIdle();
        }

        Time.MoveTo(target);
        RunUntilIdle();
    }

    /// <summary>Steps until <paramref name="task"/> completes, then returns its result (or throws its exception).</summary>
    public T Run<T>(Task<T> task, long maxSteps = 10_000_000)
    {
        RunUntilCompleted(task, maxSteps);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Steps until <paramref name="task"/> completes, then rethrows its exception if it failed.</summary>
    public void Run(Task task, long maxSteps = 10_000_000)
    {
        RunUntilCompleted(task, maxSteps);
        task.GetAwaiter().GetResult();
    }

    /// <summary>A top-level actor on the seeded dispatcher (for tests of one actor against hand-made messages).</summary>
    internal IActorRef<T> Spawn<T>(Func<Actor<T>> factory, string name) =>
        new ActorRef<T>(AwaitStarted(System.ActorOf(ActorShell<T>.Props(factory, Time, DispatcherId), name)));

    /// <summary>Waits until Akka has started a top-level actor (its guardian does that on the thread pool), so its first run is a seeded step.</summary>
    /// <remarks>Until then Akka buffers messages to it and replays them from the guardian's thread, out of the seeded order.</remarks>
    internal static IActorRef AwaitStarted(IActorRef actor)
    {
        if (actor is RepointableActorRef repointable && !SpinWait.SpinUntil(() => repointable.IsStarted, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"{actor.Path} was not started within 10 s");
        }

        return actor;
    }

    /// <summary>Sends the request <paramref name="build"/> makes around a reply address; the task completes with the reply.</summary>
    internal static Task<TReply> Ask<TMessage, TReply>(IActorRef<TMessage> target, Func<IActorRef<TReply>, TMessage> build)
    {
        var reply = new PromiseRef<TReply>(synchronousContinuations: true);
        target.Tell(build(reply));
        return reply.Task;
    }

    public void Dispose() => System.Terminate();

    private void RunUntilCompleted(Task task, long maxSteps)
    {
        long taken = 0;
        while (!task.IsCompleted)
        {
            if (!Step())
            {
                throw new InvalidOperationException($"Seed {Seed}: quiescent before the task completed (a lost reply or a deadlock).");
            }

            if (++taken > maxSteps)
            {
                throw new InvalidOperationException($"Seed {Seed}: the task did not complete within {maxSteps} steps.");
            }
        }
    }
}
