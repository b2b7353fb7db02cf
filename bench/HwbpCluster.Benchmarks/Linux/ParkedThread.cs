using HwbpCluster.Linux;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>A thread that sleeps until disposed: a debugger's target, armed from another thread.</summary>
internal sealed class ParkedThread : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Thread _thread;

    /// <summary>Starts the thread, which runs <paramref name="first"/> (pinning itself, say) before it sleeps.</summary>
    public ParkedThread(Action first)
    {
        using var started = new ManualResetEventSlim();
        int tid = 0;
        _thread = new Thread(() =>
        {
            tid = LinuxThreads.CurrentTid();
            first();
            started.Set();
            _release.Wait();
        })
        { IsBackground = true, Name = "parked target" };
        _thread.Start();
        started.Wait();
        Tid = tid;
    }

    public int Tid { get; }

    public void Dispose()
    {
        _release.Set();
        _thread.Join();
        _release.Dispose();
    }
}
