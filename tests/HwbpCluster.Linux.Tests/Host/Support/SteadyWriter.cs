using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A steady workload on the rig's watched thread: it writes each of its cells once per round, round after round, until stopped.</summary>
internal sealed class SteadyWriter
{
    private readonly Task _running;
    private volatile bool _stop;
    private long _rounds;

    private SteadyWriter(HostRig rig, int[] offsets)
    {
        ulong[] cells = [.. offsets.Select(rig.Block.At)];
        _running = rig.Thread.RunAsync(() =>
        {
            while (!_stop)
            {
                foreach (ulong cell in cells)
                {
                    Access.Write64(cell, 1);
                }

                _rounds++;
            }
        });
    }

    public static SteadyWriter Start(HostRig rig, int[] offsets) => new(rig, offsets);

    /// <summary>Stops the workload; returns how many times it wrote each cell.</summary>
    public async Task<long> StopAsync()
    {
        _stop = true;
        await _running;
        return Interlocked.Read(ref _rounds);
    }
}
