using HwbpCluster.Hosts;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>Reads a host feed until a count or a match arrives, or a generous deadline passes (then the caller's assert fails).</summary>
internal static class Feeds
{
    public static Task<List<T>> TakeAsync<T>(EventSubscription<T> feed, int count, TimeSpan? timeout = null) =>
        AsyncStreams.TakeAsync(feed.ReadAllAsync, count, timeout);

    public static async Task<T?> FirstAsync<T>(EventSubscription<T> feed, Func<T, bool> match, TimeSpan? timeout = null)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await foreach (T item in feed.ReadAllAsync(deadline.Token))
            {
                if (match(item))
                {
                    return item;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Not seen in time.
        }

        return null;
    }

    /// <summary>True when the feed completes with nothing more to read before the deadline.</summary>
    public static async Task<bool> EndsAsync<T>(EventSubscription<T> feed, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await using IAsyncEnumerator<T> items = feed.ReadAllAsync(deadline.Token).GetAsyncEnumerator(deadline.Token);
            return !await items.MoveNextAsync();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Drains what is buffered now, without waiting for more.</summary>
    public static async Task<List<T>> BufferedAsync<T>(EventSubscription<T> feed, TimeSpan quiet)
    {
        var items = new List<T>();
        using var deadline = new CancellationTokenSource(quiet);
        try
        {
            await foreach (T item in feed.ReadAllAsync(deadline.Token))
            {
                items.Add(item);
            }
        }
        catch (OperationCanceledException)
        {
            // Quiet for the whole window: nothing more is coming.
        }

        return items;
    }
}
