using HwbpCluster.Linux;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>A thread of this process that stays alive until disposed, so a real reservation has a task that cannot vanish.</summary>
/// <remarks>A test's own thread may be a pool thread that the pool retires between two awaits.</remarks>
internal sealed class ParkedThread : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Thread _thread;

    public ParkedThread()
    {
        var tid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() =>
        {
            tid.SetResult(LinuxThreads.CurrentTid());
            _release.Wait();
        }) { IsBackground = true, Name = "parked" };
        _thread.Start();
        Tid = tid.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Tid { get; }

    public void Dispose()
    {
        _release.Set();
        _thread.Join(TimeSpan.FromSeconds(10));
        _release.Dispose();
    }
}
