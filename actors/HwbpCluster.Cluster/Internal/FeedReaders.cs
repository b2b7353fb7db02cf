using Akka.Actor;
using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>The reading end of every remote event feed of one incarnation (<c>/user/feeds</c>): subscribes at the owners'
/// gateways, hands each feed's events to its local feed by feed id, ends each with its owner's word or its owner's loss.</summary>
/// <remarks>
/// <para>Only the gateway's <see cref="FeedEnded"/> without a loss is a normal end (the session closed there); any other end
/// (the owner stopped serving, became unreachable or left; this incarnation ended) completes the feed as lost, with the
/// feed's own <c>lost</c> text as the reason.</para>
/// <para>One long-lived actor rather than one per feed: Akka.Remote's per-thread resolve caches keep the ref (and through
/// it the cell and <c>Props</c>) of every local actor a remote message reached, up to 1,024 per thread, whether it lives
/// or not; per-feed readers kept every ended feed reachable from them (the load campaign's leak).</para>
/// </remarks>
internal sealed class FeedReaders : ReceiveActor
{
    /// <summary>The actor's name under /user.</summary>
    public const string Name = "feeds";

    private readonly Dictionary<string, Reader> readers = new(StringComparer.Ordinal);

    public FeedReaders()
    {
        Receive<Open>(OnOpen);
        Receive<FeedOpened>(e => At(e.FeedId)?.Opened());
        Receive<FeedEvent>(e =>
        {
            if (At(e.FeedId) is not { } reader)
            {
                return;
            }

            try
            {
                reader.Publish(e);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                End(e.FeedId, lost: true, $"{reader.Lost} (an event could not be read: {ex.Message})", unsubscribe: true);
            }
        });
        Receive<FeedEnded>(e => End(e.FeedId, lost: e.Lost.Length > 0));
        Receive<OwnerLost>(e => End(e.FeedId, lost: true, unsubscribe: true));
        Receive<Close>(e => End(e.FeedId, lost: false, unsubscribe: true));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new FeedReaders());

    /// <summary>This incarnation is ending: every feed it reads is lost.</summary>
    protected override void PostStop()
    {
        foreach (var id in readers.Keys.ToList())
        {
            End(id, lost: true, unsubscribe: true);
        }
    }

    private void OnOpen(Open open)
    {
        var self = Self;
        var reader = new Reader(open);
        readers[open.Subscribe.FeedId] = reader;
        reader.OwnerLost = open.OwnerToken.Register(() => self.Tell(new OwnerLost(open.Subscribe.FeedId)));
        open.Gateway.Tell(open.Subscribe, Self);
    }

    private Reader? At(string feedId) => readers.GetValueOrDefault(feedId);

    private void End(string feedId, bool lost, string? why = null, bool unsubscribe = false)
    {
        if (!readers.Remove(feedId, out var reader))
        {
            return;
        }

        reader.OwnerLost.Dispose();
        if (unsubscribe)
        {
            reader.Gateway.Tell(new Unsubscribe { Host = reader.Host, FeedId = feedId });
        }

        reader.Complete(lost ? why ?? reader.Lost : null);
    }

    /// <summary>Read the feed <see cref="Subscribe"/> names from <paramref name="Gateway"/> into the local callbacks; its loss
    /// (<paramref name="OwnerToken"/> cancelled, the owner stopping) is told as <paramref name="Lost"/>.</summary>
    public sealed record Open(
        IActorRef Gateway, Subscribe Subscribe, Action Opened, Action<FeedEvent> Publish, Action<string?> Complete, string Lost,
        CancellationToken OwnerToken);

    /// <summary>The local reader let go of the feed (its watch ended): unsubscribe at the owner.</summary>
    public sealed record Close(string FeedId);

    private sealed record OwnerLost(string FeedId);

    private sealed class Reader(Open open)
    {
        public IActorRef Gateway => open.Gateway;

        public string Host => open.Subscribe.Host;

        public string Lost => open.Lost;

        public CancellationTokenRegistration OwnerLost { get; set; }

        public void Opened() => open.Opened();

        public void Publish(FeedEvent e) => open.Publish(e);

        public void Complete(string? lost) => open.Complete(lost);
    }
}
