using HwbpCluster.Cluster.Wire;

namespace HwbpCluster.Cluster.Internal;

/// <summary>What a <see cref="FeedActor"/> reads for: its subscription and the local feed it fills, let go of when the feed ends.</summary>
/// <remarks>
/// Akka keeps a stopped actor's <c>Props</c>, and so its constructor arguments, for as long as anything holds the actor's ref;
/// and Akka.Remote's per-thread resolve caches (up to 1,024 refs per thread) hold the refs of local actors that received
/// remote messages, as every feed reader does. A reader passing the feed itself in its props kept every ended feed, with its
/// buffer and session, alive in those caches (the load campaign's leak); through this link, only the emptied link stays.
/// </remarks>
internal sealed class FeedLink(Subscribe subscribe, Action opened, Action<FeedEvent> publish, Action<string?> complete)
{
    private Subscribe? subscribe = subscribe;
    private Action? opened = opened;
    private Action<FeedEvent>? publish = publish;
    private Action<string?>? complete = complete;

    /// <summary>The subscription to send to the owner's gateway; null once the feed ended.</summary>
    public Subscribe? Subscribe => subscribe;

    /// <summary>True once <see cref="End"/> ran.</summary>
    public bool Ended => complete is null;

    public void Opened() => opened?.Invoke();

    public void Publish(FeedEvent e) => publish?.Invoke(e);

    /// <summary>Ends the feed (normally when <paramref name="lost"/> is null) and lets go of it; later calls do nothing.</summary>
    public void End(string? lost)
    {
        var end = complete;
        subscribe = null;
        opened = null;
        publish = null;
        complete = null;
        end?.Invoke(lost);
    }
}
