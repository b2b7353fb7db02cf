using HwbpCluster.Linux;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>A thread that sleeps until disposed: a debugger's target, armed from another thread (and so, often, another CPU).</summary>
internal sealed class ParkedThread : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private readonly Thread _thread;

    public ParkedThread()
    {
        using var started = new ManualResetEventSlim();
        int tid = 0;
        _thread = new Thread(() =>
        {
            tid = LinuxThreads.CurrentTid();
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
