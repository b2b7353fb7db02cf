using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Production-mode message throughput against a bare channel loop measured in the same run.</summary>
/// <remarks>Each benchmark reports time per message (OperationsPerInvoke); messages/s = 1e9 / Mean(ns).</remarks>
[MemoryDiagnoser]
[Config(typeof(MessagesPerSecondConfig))]
public class ActorThroughputBenchmarks
{
    private const int Messages = 1_000_000;
    private const int SingleBallMessages = 100_000;
    private const int FanOutActors = 1_000;

    private ActorSystem _system = null!;
    private IActorRef<int>[] _fanOut = null!;
    private IActorRef<Ball> _ping = null!;
    private IActorRef<Ball> _pong = null!;
    private Completion _completion = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        _completion = new Completion();
        _pong = _system.Spawn(() => new Player(_completion), "pong");
        _ping = _system.Spawn(() => new Player(_completion), "ping");
        _fanOut = new IActorRef<int>[FanOutActors];
        for (var i = 0; i < FanOutActors; i++)
        {
            _fanOut[i] = _system.Spawn(() => new Counter(_completion, Messages / FanOutActors));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _system.TerminateAsync().GetAwaiter().GetResult();

    /// <summary>One producer, one consumer, an unbounded channel: the floor under any mailbox.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public async Task ChannelLoop()
    {
        var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var consumer = Task.Run(async () =>
        {
            var reader = channel.Reader;
            long sum = 0;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var item))
                {
                    sum += item;
                }
            }

            return sum;
        });
        for (var i = 0; i < Messages; i++)
        {
            channel.Writer.TryWrite(i);
        }

        channel.Writer.Complete();
        await consumer;
    }

    /// <summary>Two actors bouncing 100 balls: throughput with work always queued.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task PingPong_100_in_flight() => PingPong(100, Messages);

    /// <summary>Two actors bouncing one ball: every message is a thread-pool hand-off (latency-bound).</summary>
    [Benchmark(OperationsPerInvoke = SingleBallMessages)]
    public Task PingPong_1_in_flight() => PingPong(1, SingleBallMessages);

    /// <summary>One sender spreading messages over 1,000 actors.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public Task FanOut_1000_actors()
    {
        var done = _completion.Reset(FanOutActors);
        for (var i = 0; i < Messages; i++)
        {
            _fanOut[i % FanOutActors].Tell(i);
        }

        return done;
    }

    private Task PingPong(int balls, int messages)
    {
        var done = _completion.Reset(balls);
        for (var b = 0; b < balls; b++)
        {
            _ping.Tell(new Ball(messages / balls, _pong));
        }

        return done;
    }
}
