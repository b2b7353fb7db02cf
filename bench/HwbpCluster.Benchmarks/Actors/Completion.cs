namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Completes a task after a given number of signals from any threads.</summary>
internal sealed class Completion
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public Task Reset(int signals)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, signals);
        return _done.Task;
    }

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.SetResult();
        }
    }
}
