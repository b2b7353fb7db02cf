using System.Runtime.InteropServices;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests;

[Collection(HardwareCollection.Name)]
public sealed class ExecuteBreakpointTests
{
    [HitsFact]
    public async Task An_execute_breakpoint_on_a_native_function_hits_once_per_call_with_the_ip_at_its_entry()
    {
        nint libc = NativeLibrary.Load("libc.so.6");
        try
        {
            // labs: a leaf libc function nothing else on the watched thread calls.
            nint labs = NativeLibrary.GetExport(libc, "labs");
            using var rig = new WatchRig();
            PerfBreakpoint watch = rig.Watch(BreakpointSpec.Execute((ulong)labs));

            await rig.Thread.RepeatAsync(5, () => CallLabs(labs, -3));
            List<RawHit> hits = await HitCollector.CollectAsync(rig.Reader, 5);

            Assert.Equal(5UL, watch.ReadCount());
            Assert.Equal(5, hits.Count);
            Assert.All(hits, hit =>
            {
                Assert.Equal((ulong)labs, hit.Ip);
                Assert.Equal((ulong)labs, hit.Address);
                Assert.Equal(rig.Thread.Tid, hit.Tid);
            });
        }
        finally
        {
            NativeLibrary.Free(libc);
        }
    }

    private static unsafe void CallLabs(nint labs, nint value)
    {
        nint result = ((delegate* unmanaged<nint, nint>)labs)(value);
        Assert.Equal(-value, result);
    }
}
