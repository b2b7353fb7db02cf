using Akka.Actor;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using HwbpCluster.Hosts;

namespace HwbpCluster.Benchmarks.Actors.Akka;

/// <summary>Ping-pong and fan-out on Akka.NET's default dispatcher (the old runtime's rows, measured beside it, are in docs/PERFORMANCE.md).</summary>
[MemoryDiagnoser]
[Config(typeof(MessagesPerSecondConfig))]
public class AkkaActorThroughputBenchmarks
{
    private const int Messages = 1_000_000;
    private const int SingleBallMessages = 100_000;
    private const int FanOutActors = 1_000;

    private ActorSystem _system = null!;
    private IActorRef[] _fanOut = null!;
    private IActorRef _ping = null!;
    private IActorRef _pong = null!;
    private Completion _completion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", ConfigurationFactory.ParseString(SimulatedHost.AkkaHocon));
        _completion = new Completion();
        var completion = _completion;
        _pong = _system.ActorOf(Props.Create(() => new AkkaPlayer(completion)), "pong");
        _ping = _system.ActorOf(Props.Create(() => new AkkaPlayer(completion)), "ping");
        _fanOut = new IActorRef[FanOutActors];
        for (var i = 0; i < FanOutActors; i++)
        {
            _fanOut[i] = _system.ActorOf(Props.Create(() => new AkkaCounter(completion, Messages / FanOutActors)));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    /// <summary>Two actors bouncing 100 balls: throughput with work always queued.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Akka_PingPong_100_in_flight() => PingPong(100, Messages);

    /// <summary>Two actors bouncing one ball: every message is a thread-pool hand-off (latency-bound).</summary>
    [Benchmark(OperationsPerInvoke = SingleBallMessages)]
    public Task Akka_PingPong_1_in_flight() => PingPong(1, SingleBallMessages);

    /// <summary>One sender spreading messages over 1,000 actors.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Akka_FanOut_1000_actors()
    {
        var done = _completion.Reset(FanOutActors);
        for (var i = 0; i < Messages; i++)
        {
            _fanOut[i % FanOutActors].Tell(i, ActorRefs.NoSender);
        }

        return done;
    }

    private Task PingPong(int balls, int messages)
    {
        var done = _completion.Reset(balls);
        for (var b = 0; b < balls; b++)
        {
            _ping.Tell(new AkkaBall(messages / balls, _pong), ActorRefs.NoSender);
        }

        return done;
    }
}
