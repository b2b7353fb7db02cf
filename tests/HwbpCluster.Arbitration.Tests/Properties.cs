using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace HwbpCluster.Arbitration.Tests;

/// <summary>Bounded, reproducible FsCheck runs: a fixed seed per property, so a failure replays the same way.</summary>
internal static class Properties
{
    public static void Check<T>(Gen<T> gen, Func<T, bool> property, int maxTest, ulong seed)
    {
        var replay = new Replay(new Rnd(seed, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None);
        var config = Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithReplay(FSharpOption<Replay>.Some(replay));
        FsCheck.Check.One(config, Prop.ForAll(gen.ToArbitrary(), property));
    }
}
