using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

/// <summary>Write hits carry the watched value read right after the hit (process_vm_readv), as gdb's "New value".</summary>
[Collection(HardwareCollection.Name)]
public sealed class HitReaderValueTests
{
    [HitsFact]
    public async Task A_single_write_hit_carries_the_value_written_zero_extended_to_the_watch_width()
    {
        using var rig = new WatchRig();
        rig.Watch(0, 4, BreakpointAccess.Write);

        await rig.Thread.RunAsync(() => Access.Write64(rig.Block.At(0), unchecked((long)0xFFFF_FFFF_1234_5678)));
        RawHit hit = Assert.Single(await HitCollector.CollectAsync(rig.Reader, 1));

        // Only the 4 watched bytes are read: the upper half written by the same store is not part of the watch.
        Assert.Equal(0x1234_5678UL, hit.ValueAfter);
    }

    [GccFact(hits: true)]
    public async Task Writes_of_a_known_sequence_spaced_apart_are_reported_with_the_value_written_or_a_later_one_never_an_earlier()
    {
        // Programs/sequence.c: 400 writes of 1000, 2000, ... to a global, 1 ms apart. The writer is its own process, as a
        // debugged program is. A value is read after its hit, so it is the hit's own write or, when the reader came late, a
        // later one; never an earlier one or anything else. How often it is the hit's own is issue 11's 90% goal: a matter of
        // how soon the reader runs, so a benchmark (bench/values.sh sets HWBP_VALUES_PERCENT=90); the suite asks for a
        // quarter, which only a reader that reads the wrong thing or far too late misses.
        const int Writes = 400;
        int percent = int.TryParse(Environment.GetEnvironmentVariable("HWBP_VALUES_PERCENT"), out int goal) ? goal : 25;
        string directory = NativeProgram.NewDirectory();
        try
        {
            using var program = RunningProgram.Start(NativeProgram.Build(directory, "sequence", ["sequence.c"]));
            using var reader = new HitReader();
            using PerfBreakpoint watch = PerfBreakpoint.Open(
                BreakpointTarget.Task(program.Pid), new BreakpointSpec(program.Addresses["value"], 8, BreakpointAccess.Write));
            reader.Attach(watch);

            program.Poke();
            List<RawHit> hits = await HitCollector.CollectAsync(reader, Writes, TimeSpan.FromSeconds(30));

            Assert.Equal(Writes, hits.Count);
            Assert.All(hits.Select((hit, i) => (Written: (ulong)(i + 1) * 1_000, Read: hit.ValueAfter)), pair =>
                Assert.True(pair.Read >= pair.Written && pair.Read <= Writes * 1_000UL && pair.Read % 1_000 == 0,
                    $"value {pair.Read} read after the write of {pair.Written}"));
            int matching = hits.Select((hit, i) => hit.ValueAfter == (ulong)(i + 1) * 1_000).Count(match => match);
            Assert.True(
                matching * 100 >= Writes * percent,
                $"{matching} of {Writes} values read after the hit were the hit's own (goal {percent}%); the others a later write's "
                    + $"(the reader was late); the reader {(reader.RunsRealtime ? "runs" : "does not run")} real-time");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [HitsFact]
    public async Task A_read_write_hit_carries_the_value_too_since_on_x86_a_read_and_a_write_hit_look_alike()
    {
        using var rig = new WatchRig();
        Access.Write64(rig.Block.At(8), 99);
        rig.Watch(8, 8, BreakpointAccess.ReadWrite);
        await rig.Thread.RunAsync(() => Access.Read64(rig.Block.At(8)));

        RawHit hit = Assert.Single(await HitCollector.CollectAsync(rig.Reader, 1));

        Assert.Equal(99UL, hit.ValueAfter);
    }
}
