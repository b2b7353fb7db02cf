using System.Threading.Channels;
using HwbpCluster.Linux.Internal;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Internal;

/// <summary>The value read after a hit, fed a sample by hand (so it runs where breakpoints open but never fire).</summary>
[Collection(HardwareCollection.Name)]
public sealed class SubscriptionValueTests
{
    [HardwareFact]
    public void A_write_sample_is_delivered_with_the_watched_bytes_read_from_the_hitting_process()
    {
        using var block = new NativeBlock(64);
        Access.Write64(block.At(8), unchecked((long)0xAAAA_BBBB_0000_0042));
        using PerfBreakpoint watch = Open(block.At(8), 4, BreakpointAccess.Write);
        var hits = Channel.CreateUnbounded<RawHit>();

        new Subscription(watch, hits.Writer, Channel.CreateUnbounded<HitNotice>().Writer).OnSample(Sample(watch, Environment.ProcessId));

        Assert.True(hits.Reader.TryRead(out RawHit hit));
        Assert.Equal(0x42UL, hit.ValueAfter);
    }

    [HardwareFact]
    public void A_sample_from_a_process_that_is_gone_or_of_an_execute_watch_carries_no_value()
    {
        using var block = new NativeBlock(64);
        using PerfBreakpoint write = Open(block.At(0), 8, BreakpointAccess.Write);
        using PerfBreakpoint execute = Open(block.At(16), 8, BreakpointAccess.Execute);
        var hits = Channel.CreateUnbounded<RawHit>();
        ChannelWriter<HitNotice> notices = Channel.CreateUnbounded<HitNotice>().Writer;

        new Subscription(write, hits.Writer, notices).OnSample(Sample(write, int.MaxValue));
        new Subscription(execute, hits.Writer, notices).OnSample(Sample(execute, Environment.ProcessId));

        Assert.True(hits.Reader.TryRead(out RawHit gone));
        Assert.True(hits.Reader.TryRead(out RawHit code));
        Assert.Equal((null, null), (gone.ValueAfter, code.ValueAfter));
    }

    private static PerfBreakpoint Open(ulong address, int length, BreakpointAccess access) => PerfBreakpoint.Open(
        BreakpointTarget.Task(LinuxThreads.CurrentTid()), new BreakpointSpec(address, length, access),
        new PerfBreakpointOptions { StartEnabled = false });

    private static RawHit Sample(PerfBreakpoint watch, int pid) =>
        new(watch.Id, 0x401000, pid, pid, 1, watch.Spec.Address, 0);
}
