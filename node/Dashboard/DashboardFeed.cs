using System.Threading.Channels;
using HwbpCluster.Node.Auth;
using HwbpCluster.Node.Options;
using HwbpCluster.Node.Sessions;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Dashboard;

/// <summary>Reads the cluster every <see cref="Interval"/> while a page watches (and for <see cref="Linger"/> after the last one
/// left), and sends every page the same patch as every other page of its audience.</summary>
/// <remarks>
/// One read serves every page, so ten open pages cost the hosts what one does, and a burst of changes within one interval
/// reaches the pages as one patch (coalesced). Pages are grouped in audiences by what they may see: admin tokens (and the open
/// node) see everything, one audience; any other token sees its own sessions in full and everyone else's reservations as
/// kinds only (<see cref="DashboardVisibility"/>), an audience of its own with its own model, snapshot and log. A page that
/// joins while its audience is followed gets the last read's snapshot at once (at most one interval old, like any patch);
/// reading on for a while after the last page left makes a reload that fast too, and so does the page's own request, which
/// starts the read its stream will want (<see cref="Prime"/>). A page that reads too slowly is cut off rather than allowed to
/// back up the others; its browser reconnects (EventSource does so by itself) and starts again from a snapshot. A page whose
/// token was removed from the tokens file is cut off at the next read (and its browser's reconnection is refused).
/// </remarks>
internal sealed class DashboardFeed(
    DashboardSource source, SessionRegistry sessions, TokenStore tokens, IOptions<HwbpNodeOptions> options, TimeProvider time,
    IHostApplicationLifetime lifetime, ILogger<DashboardFeed> logger)
{
    /// <summary>How often the cluster is read while a page watches: a change shows within this plus one read.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the feed reads on after the last page left.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    /// <summary>Messages a page may fall behind by before it is cut off.</summary>
    private const int Backlog = 64;

    // The audience of admin tokens; other tokens' audiences are keyed by the token's name.
    private const string Everything = "";

    private readonly object gate = new();
    private readonly Dictionary<string, Audience> audiences = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, HostView> lastRead = new Dictionary<string, HostView>();
    private bool running;

    // Completed when a page joins with no snapshot to give yet, so it waits for one read, not for the rest of an interval too.
    private TaskCompletionSource joined = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Completed after each read has been published to every audience.
    private TaskCompletionSource published = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A new page's feed for <paramref name="caller"/>: a snapshot (at once, or after one read), then patches; dispose
    /// it when the page goes.</summary>
    public Subscription Subscribe(Caller caller)
    {
        var watcher = new Watcher(caller.Name,
            Channel.CreateBounded<string>(new BoundedChannelOptions(Backlog) { SingleReader = true, SingleWriter = true }));
        lock (gate)
        {
            // The snapshot and the patches are published under this lock, so the patches after it build on exactly it.
            var audience = Join(caller);
            if (audience.Snapshot is not null && Send(watcher, audience.Snapshot))
            {
                audience.Watching.Add(watcher);
            }
            else
            {
                audience.Joining.Add(watcher);
                joined.TrySetResult();
            }

            Run();
            return new Subscription(this, audience, watcher);
        }
    }

    /// <summary>The page was requested: its stream follows within milliseconds, so the read it will want starts now.</summary>
    public void Prime(Caller caller)
    {
        lock (gate)
        {
            var audience = Join(caller);
            audience.Until = Max(audience.Until, time.GetUtcNow() + Linger);
            Run();
        }
    }

    /// <summary>One read as the node starts, for nobody: the code that reads and formats the cluster is compiled and every host's
    /// JSON is cached before the first page asks, so the first page after a start is as fast as the next.</summary>
    public Task WarmAsync()
    {
        lock (gate)
        {
            Join(Caller.Unrestricted).Due = true;
            Run();
            return published.Task;
        }
    }

    private void Leave(Audience audience, Watcher watcher)
    {
        lock (gate)
        {
            audience.Watching.Remove(watcher);
            audience.Joining.Remove(watcher);
            audience.Until = Max(audience.Until, time.GetUtcNow() + Linger);
        }

        watcher.Channel.Writer.TryComplete();
    }

    // Under the lock: the caller's audience, created (or started afresh, after nobody followed it) as needed.
    private Audience Join(Caller caller)
    {
        var key = caller.Admin ? Everything : caller.Name;
        if (!audiences.TryGetValue(key, out var audience))
        {
            audiences[key] = audience = new Audience(
                new DashboardModel(options.Value.NodeName, caller.Admin ? null : caller.Name),
                caller.Admin ? null : caller);
        }

        if (!audience.Followed)
        {
            // Changes made while nobody watched are not presented as if they had just happened.
            audience.Followed = true;
            audience.Restart = true;
        }

        return audience;
    }

    // Under the lock: starts the read loop unless it runs.
    private void Run()
    {
        if (!running)
        {
            running = true;
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var stopping = lifetime.ApplicationStopping;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var view = await source.ReadAsync(lastRead, stopping);
                lastRead = view.Hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
                if (!Publish(view))
                {
                    return;
                }

                Task wake;
                lock (gate)
                {
                    wake = audiences.Values.Any(a => a.Joining.Count > 0) ? Task.CompletedTask
                        : (joined = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
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
            foreach (var audience in audiences.Values)
            {
                audience.Watching.Concat(audience.Joining).ToList().ForEach(w => w.Channel.Writer.TryComplete());
                audience.Stop();
            }

            running = false;
            published.TrySetResult();
        }
    }

    // Applies the read to every audience followed, sends each audience's pages its patch and its joining pages its new snapshot;
    // false once no audience has been followed for the linger time (the loop then stops).
    private bool Publish(DashboardView view)
    {
        List<Audience> followed;
        lock (gate)
        {
            followed = [.. audiences.Values.Where(a => a.Followed)];
        }

        // The models are the loop's alone: applied outside the lock, published under it.
        var patches = followed.Select(audience =>
        {
            if (audience.Restart)
            {
                audience.Restart = false;
                audience.Model.Restart();
            }

            var seen = audience.Viewer is { } viewer ? DashboardVisibility.Seen(view, id => sessions.IsOwnedBy(id, viewer)) : view;
            return audience.Model.Apply(seen);
        }).ToList();

        lock (gate)
        {
            var now = time.GetUtcNow();
            for (var i = 0; i < followed.Count; i++)
            {
                var (audience, patch) = (followed[i], patches[i]);
                audience.Due = false;

                // A token removed from the tokens file sees nothing more: its pages are cut off (the reconnection is refused).
                audience.Watching.RemoveAll(Removed);
                audience.Joining.RemoveAll(Removed);
                if (patch is not null)
                {
                    audience.Watching.RemoveAll(w => !Send(w, patch));
                }

                if (patch is not null || audience.Snapshot is null)
                {
                    audience.Snapshot = audience.Model.Snapshot();
                }

                audience.Watching.AddRange(audience.Joining.Where(w => Send(w, audience.Snapshot)));
                audience.Joining.Clear();
                if (audience.Watching.Count == 0 && now >= audience.Until)
                {
                    audience.Stop();
                }
            }

            // An idle audience of one token's is forgotten (its token may be gone); the admin one keeps its hosts' JSON.
            foreach (var key in audiences.Where(a => !a.Value.Followed && a.Key != Everything).Select(a => a.Key).ToList())
            {
                audiences.Remove(key);
            }

            var done = published;
            published = new(TaskCreationOptions.RunContinuationsAsynchronously);
            done.TrySetResult();
            if (audiences.Values.Any(a => a.Followed))
            {
                return true;
            }

            running = false;
            return false;
        }
    }

    private static bool Send(Watcher watcher, string message)
    {
        if (watcher.Channel.Writer.TryWrite(message))
        {
            return true;
        }

        watcher.Channel.Writer.TryComplete();
        return false;
    }

    private bool Removed(Watcher watcher)
    {
        if (tokens.Knows(watcher.Token))
        {
            return false;
        }

        watcher.Channel.Writer.TryComplete();
        return true;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One page: the token it came with, and its messages (SSE-formatted).</summary>
    internal sealed record Watcher(string Token, Channel<string> Channel);

    /// <summary>Pages that see the same: their model, their last snapshot, and the pages that watch or are joining.</summary>
    /// <param name="Model">What they were last told.</param>
    /// <param name="Viewer">The token whose view it is; null for everything (admin tokens, the open node).</param>
    internal sealed record Audience(DashboardModel Model, Caller? Viewer)
    {
        public List<Watcher> Watching { get; } = [];

        public List<Watcher> Joining { get; } = [];

        public string? Snapshot { get; set; }

        /// <summary>Read for it until then even without pages (a page left, or was requested and its stream is coming).</summary>
        public DateTimeOffset Until { get; set; }

        /// <summary>Read for it once more even without pages (the warm-up at start).</summary>
        public bool Due { get; set; }

        /// <summary>Whether reads are applied to it (it has pages, lingers, or is due).</summary>
        public bool Followed { get; set; }

        /// <summary>Whether its model starts afresh at the next read.</summary>
        public bool Restart { get; set; }

        /// <summary>Nobody follows it any more: its snapshot would go stale, so it is dropped.</summary>
        public void Stop()
        {
            Followed = false;
            Snapshot = null;
            Due = false;
        }
    }

    /// <summary>One page's messages, until the page goes or the node stops.</summary>
    internal sealed class Subscription(DashboardFeed feed, Audience audience, Watcher watcher) : IDisposable
    {
        /// <summary>The messages, in order.</summary>
        public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => watcher.Channel.Reader.ReadAllAsync(cancellationToken);

        /// <inheritdoc/>
        public void Dispose() => feed.Leave(audience, watcher);
    }
}
