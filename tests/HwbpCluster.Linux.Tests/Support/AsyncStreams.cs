namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Reads an async stream under a deadline, for the hit reader's channel and the host's feeds alike.</summary>
internal static class AsyncStreams
{
    /// <summary>Items until <paramref name="count"/> arrive or the deadline (default 10 s) passes; the caller asserts on what arrived.</summary>
    public static async Task<List<T>> TakeAsync<T>(Func<CancellationToken, IAsyncEnumerable<T>> read, int count, TimeSpan? timeout = null)
    {
        var items = new List<T>();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            await foreach (T item in read(deadline.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The caller asserts on what arrived before the deadline.
        }

        return items;
    }
}
