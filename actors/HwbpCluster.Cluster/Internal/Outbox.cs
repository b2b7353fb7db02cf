using System.Collections.Concurrent;

namespace HwbpCluster.Cluster.Internal;

/// <summary>
/// Coalesces messages to remote actors: what is posted while the outbox waits for a pool thread (or drains) goes out as one
/// message per destination, in the order posted; one drain runs at a time.
/// </summary>
/// <remarks>
/// Every remote message costs Akka.Remote about eight thread hops (endpoint manager, delivery supervisor, writer, the
/// transport's event loop, a socket write; then the reader side), which dominate a forwarded call. There is no timer: a
/// lone message waits only for one pool thread; under load the queue grows while the pool is busy, and one send carries it
/// all. A batch stops at <see cref="MaxBatchBytes"/>, well under Akka.Remote's 128,000-byte frame limit.
/// </remarks>
/// <typeparam name="TTo">The destination (an actor ref).</typeparam>
/// <typeparam name="T">What is sent.</typeparam>
/// <param name="send">Sends one batch to one destination.</param>
/// <param name="size">An item's serialized size in bytes.</param>
/// <param name="schedule">Runs a drain later; the thread pool's global queue unless a test drains by hand.</param>
internal sealed class Outbox<TTo, T>(Action<TTo, List<T>> send, Func<T, int> size, Action<IThreadPoolWorkItem>? schedule = null)
    : IThreadPoolWorkItem
    where TTo : notnull
{
    /// <summary>Serialized bytes at which a batch is sent and the next one started (one larger item goes alone).</summary>
    public const int MaxBatchBytes = 48 * 1024;

    private readonly ConcurrentQueue<(TTo To, T Item)> queue = new();
    private int scheduled;

    /// <summary>Queues <paramref name="item"/> for <paramref name="to"/>; it leaves with the next drain.</summary>
    public void Post(TTo to, T item)
    {
        queue.Enqueue((to, item));
        if (Interlocked.Exchange(ref scheduled, 1) == 0)
        {
            Schedule();
        }
    }

    /// <summary>Drains the queue: one send per destination and batch.</summary>
    public void Execute()
    {
        try
        {
            Drain();
        }
        finally
        {
            // One drain at a time: cleared only once this drain has sent. Cleared at its start, a post meanwhile started a
            // second drain that took part of the same destination's queue and could send it first (out of the order posted).
            // A post that still saw the flag set is in the queue by now (full fences on both sides), so it is drained next.
            Interlocked.Exchange(ref scheduled, 0);
            if (!queue.IsEmpty && Interlocked.Exchange(ref scheduled, 1) == 0)
            {
                Schedule();
            }
        }
    }

    private void Drain()
    {
        var open = new Dictionary<TTo, (List<T> Items, int Bytes)>();
        while (queue.TryDequeue(out var next))
        {
            var bytes = size(next.Item);
            if (open.TryGetValue(next.To, out var batch) && batch.Bytes + bytes > MaxBatchBytes)
            {
                send(next.To, batch.Items);
                open.Remove(next.To);
            }

            var (items, total) = open.TryGetValue(next.To, out batch) ? batch : ([], 0);
            items.Add(next.Item);
            open[next.To] = (items, total + bytes);
        }

        foreach (var (to, batch) in open)
        {
            send(to, batch.Items);
        }
    }

    // The global queue, not this thread's: work already waiting runs first, and whatever it posts joins this drain.
    private void Schedule()
    {
        if (schedule is null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        else
        {
            schedule(this);
        }
    }
}
