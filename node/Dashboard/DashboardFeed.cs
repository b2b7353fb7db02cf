using System.Threading.Channels;
using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Dashboard;

/// <summary>Reads the cluster every <see cref="Interval"/> while a page watches (and for <see cref="Linger"/> after the last one
/// left), and sends every page the same patch.</summary>
/// <remarks>
/// One read serves every page, so ten open pages cost the hosts what one does, and a burst of changes within one interval
/// reaches the pages as one patch (coalesced). A page that joins while the feed runs gets the snapshot of the last read at once
/// (at most one interval old, like any patch); reading on for a while after the last page left makes a reload that fast too.
/// A page that reads too slowly is cut off rather than allowed to back up the others; its browser reconnects (EventSource does
/// so by itself) and starts again from a snapshot.
/// </remarks>
internal sealed class DashboardFeed(
    DashboardSource source, IOptions<HwbpNodeOptions> options, TimeProvider time, IHostApplicationLifetime lifetime,
    ILogger<DashboardFeed> logger)
{
    /// <summary>How often the cluster is read while a page watches: a change shows within this plus one read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the feed reads on after the last page left.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    /// <summary>Messages a page may fall behind by before it is cut off.</summary>
    private const int Backlog = 64;

    private readonly object gate = new();
    private readonly List<Channel<string>> watching = [];
    private readonly List<Channel<string>> joining = [];
    private readonly DashboardModel model = new(options.Value.NodeName);
    private bool running;
    private string? snapshot;
    private DateTimeOffset lastLeft;

    // Completed when a page joins with no snapshot to give yet, so it waits for one read, not for the rest of an interval too.
    private TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A new page's feed: a snapshot (at once, or after one read), then patches; dispose it when the page goes.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog) { SingleReader = true, SingleWriter = true });
        lock (gate)
        {
            // The snapshot and the patches are published under this lock, so the patches after it build on exactly it.
            if (snapshot is not null && Send(channel, snapshot))
            {
                watching.Add(channel);
            }
            else
            {
                joining.Add(channel);
                joined.TrySetResult();
            }

            if (!running)
            {
                running = true;
                _ = Task.Run(RunAsync);
            }
        }

        return new Subscription(this, channel);
    }

    private void Leave(Channel<string> channel)
    {
        lock (gate)
        {
            watching.Remove(channel);
            joining.Remove(channel);
            lastLeft = time.GetUtcNow();
        }

        channel.Writer.TryComplete();
    }

    private async Task RunAsync()
    {
        // Changes made while nobody watched are not presented as if they had just happened.
        model.Restart();
        var stopping = lifetime.ApplicationStopping;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var patch = model.Apply(await source.ReadAsync(model.Hosts, stopping));
                if (!Publish(patch))
                {
                    return;
                }

                Task wake;
                lock (gate)
                {
                    wake = joining.Count > 0 ? Task.CompletedTask : (joined = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
                }

                await Task.WhenAny(Task.Delay(Interval, time, stopping), wake);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A read that fails as a whole (not one host: those show their error) must not end every page's feed.
                DashboardLog.ReadFailed(logger, ex);
                await Task.Delay(Interval, time, CancellationToken.None);
            }
        }

        lock (gate)
        {
            foreach (var channel in watching.Concat(joining))
            {
                channel.Writer.TryComplete();
            }

            watching.Clear();
            joining.Clear();
            snapshot = null;
            running = false;
        }
    }

    // Sends the patch to the pages that have their snapshot, and the new snapshot to those that joined; false once nobody has
    // watched for the linger time (the feed then stops, and its snapshot, which would go stale, is dropped).
    private bool Publish(string? patch)
    {
        lock (gate)
        {
            if (watching.Count == 0 && joining.Count == 0 && time.GetUtcNow() - lastLeft >= Linger)
            {
                snapshot = null;
                running = false;
                return false;
            }

            if (patch is not null)
            {
                watching.RemoveAll(channel => !Send(channel, patch));
            }

            if (patch is not null || snapshot is null)
            {
                snapshot = model.Snapshot();
            }

            watching.AddRange(joining.Where(channel => Send(channel, snapshot)));
            joining.Clear();
            return true;
        }
    }

    private static bool Send(Channel<string> channel, string message)
    {
        if (channel.Writer.TryWrite(message))
        {
            return true;
        }

        channel.Writer.TryComplete();
        return false;
    }

    /// <summary>One page's messages (SSE-formatted), until the page goes or the node stops.</summary>
    internal sealed class Subscription(DashboardFeed feed, Channel<string> channel) : IDisposable
    {
        /// <summary>The messages, in order.</summary>
        public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => channel.Reader.ReadAllAsync(cancellationToken);

        /// <inheritdoc/>
        public void Dispose() => feed.Leave(channel);
    }
}
