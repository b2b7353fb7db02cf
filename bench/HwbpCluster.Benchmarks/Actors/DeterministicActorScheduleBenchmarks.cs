using BenchmarkDotNet.Attributes;
using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Cost of one seeded deterministic schedule, as model-checking tests run thousands of them.</summary>
/// <remarks>A schedule: a fresh system, 4 pairs bouncing a ball 40 times (168 steps with creation), run to quiescence.</remarks>
[MemoryDiagnoser]
public class DeterministicActorScheduleBenchmarks
{
    private const int Pairs = 4;
    private const int Rounds = 40;
    private int _seed;

    /// <summary>One whole schedule.</summary>
    [Benchmark]
    public long Schedule_of_168_steps()
    {
        var system = new DeterministicActorSystem(++_seed);
        var completion = new Completion();
        completion.Reset(Pairs);
        for (var p = 0; p < Pairs; p++)
        {
            var pong = system.Spawn(() => new Player(completion));
            var ping = system.Spawn(() => new Player(completion));
            ping.Tell(new Ball(Rounds, pong));
        }

        return system.RunUntilQuiescent();
    }

    /// <summary>One schedule driven by Asks: a fresh system, one actor, 50 Asks run to completion one after another.</summary>
    [Benchmark]
    public int Schedule_of_50_asks()
    {
        var system = new DeterministicActorSystem(++_seed);
        var echo = system.Spawn(() => new Echo());
        var sum = 0;
        for (var i = 0; i < 50; i++)
        {
            sum += system.Run(echo.Ask<int>(r => new Echo.Request(i, r), TimeSpan.FromSeconds(1)));
        }

        return sum;
    }
}
