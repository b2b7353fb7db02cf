using System.Collections.Concurrent;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>Which tagged server calls saw their cancellation token fire.</summary>
public sealed class CancellationLog
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> calls = new();

    public void Cancelled(string tag) => Signal(tag).TrySetResult();

    /// <summary>True once the call tagged so was cancelled; false if that does not happen within the wait.</summary>
    public async Task<bool> WaitAsync(string tag, TimeSpan wait)
    {
        var signal = Signal(tag).Task;
        return await Task.WhenAny(signal, Task.Delay(wait)) == signal;
    }

    private TaskCompletionSource Signal(string tag) =>
        calls.GetOrAdd(tag, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
