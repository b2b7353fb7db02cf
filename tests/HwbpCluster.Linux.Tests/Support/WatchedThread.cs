using System.Collections.Concurrent;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A dedicated thread of this process that stays alive and runs the accesses it is given, so a breakpoint can watch it.</summary>
internal sealed class WatchedThread : IDisposable
{
    private readonly BlockingCollection<(Action Work, TaskCompletionSource Done)> _work = [];
    private readonly TaskCompletionSource<int> _tid = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;

    public WatchedThread()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "watched" };
        _thread.Start();
        Tid = _tid.Task.WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    public int Tid { get; }

    public BreakpointTarget Target => BreakpointTarget.Task(Tid);

    public Task RunAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add((work, done));
        return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task RepeatAsync(int times, Action work) => RunAsync(() =>
    {
        for (int i = 0; i < times; i++)
        {
            work();
        }
    });

    public void Dispose()
    {
        _work.CompleteAdding();
        _thread.Join(TimeSpan.FromSeconds(10));
        _work.Dispose();
    }

    private void Run()
    {
        _tid.SetResult(LinuxThreads.CurrentTid());
        foreach ((Action work, TaskCompletionSource done) in _work.GetConsumingEnumerable())
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }
    }
}
