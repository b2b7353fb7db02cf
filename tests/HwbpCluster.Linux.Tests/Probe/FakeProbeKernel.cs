using HwbpCluster.Linux.Internal.Probe;

namespace HwbpCluster.Linux.Tests.Probe;

/// <summary>A kernel that answers the probe from a script: refusals first, then a watch whose count is fixed.</summary>
internal sealed class FakeProbeKernel(ulong counted, params PerfFailure[] refusals) : IProbeKernel
{
    private readonly Queue<PerfFailure> _refusals = new(refusals);

    public string Release => "6.18.44-fake";

    public int Arms { get; private set; }

    public bool WatchClosed { get; private set; }

    public (IProbeWatch? Watch, PerfFailure? Failure) ArmWriteWatch(ulong cell)
    {
        Arms++;
        return _refusals.TryDequeue(out PerfFailure? refusal) ? (null, refusal) : (new Watch(this), null);
    }

    private ulong Counted => counted;

    private sealed class Watch(FakeProbeKernel kernel) : IProbeWatch
    {
        public ulong Count() => kernel.Counted;

        public void Dispose() => kernel.WatchClosed = true;
    }
}
