using Google.Protobuf;
using Grpc.Core;
using HwbpCluster.Client;
using HwbpCluster.Demo.Output;

namespace HwbpCluster.Demo.Story;

/// <summary>A watch read in the background: each event is shown as it arrives and kept, so a step can wait for the ones it needs.</summary>
internal sealed class Feed<T> : IAsyncDisposable
    where T : class, IMessage<T>, new()
{
    private readonly HwbpStream<T> _stream;
    private readonly List<T> _seen = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _ended;
    private Task _pump = Task.CompletedTask;

    private Feed(HwbpStream<T> stream) => _stream = stream;

    /// <summary>Starts reading <paramref name="stream"/> (a watch the node has answered), showing each event as <paramref name="describe"/> says.</summary>
    public static Feed<T> Start(HwbpStream<T> stream, Func<T, string> describe, IStoryWriter writer)
    {
        var feed = new Feed<T>(stream);
        feed._pump = feed.PumpAsync(describe, writer);
        return feed;
    }

    /// <summary>Waits until <paramref name="count"/> events match <paramref name="match"/>; fails the step after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync(Func<T, bool> match, int count, TimeSpan within, string what, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(within);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                var found = _seen.Where(match).ToList();
                if (found.Count >= count)
                {
                    return found;
                }

                StepFailedException.Expect(_ended is null, $"the watch ended ({_ended}) before {what}");
                next = _arrived.Task;
            }

            try
            {
                await next.WaitAsync(bound.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StepFailedException($"{what}: not within {within.TotalSeconds:0.#} s ({_seen.Count(match)} of {count} arrived)");
            }
        }
    }

    /// <summary>Waits for one event matching <paramref name="match"/>.</summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan within, string what, CancellationToken cancellationToken) =>
        (await WaitForAsync(match, 1, within, what, cancellationToken))[0];

    /// <summary>How many events so far match <paramref name="match"/>.</summary>
    public int Count(Func<T, bool> match)
    {
        lock (_gate)
        {
            return _seen.Count(match);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Stop reading first: disposing the call under a read would fail the read.
        await _stop.CancelAsync();
        await _pump;
        await _stream.DisposeAsync();
        _stop.Dispose();
    }

    private async Task PumpAsync(Func<T, string> describe, IStoryWriter writer)
    {
        try
        {
            await foreach (var item in _stream.WithCancellation(_stop.Token))
            {
                writer.Event(describe(item));
                Signal(() => _seen.Add(item));
            }

            Signal(() => _ended = "the node closed it");
        }
        catch (OperationCanceledException)
        {
            Signal(() => _ended = "stopped");
        }
        catch (RpcException ex)
        {
            Signal(() => _ended = $"{ex.StatusCode}: {ex.Status.Detail}");
        }
    }

    private void Signal(Action change)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            change();
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }
}
