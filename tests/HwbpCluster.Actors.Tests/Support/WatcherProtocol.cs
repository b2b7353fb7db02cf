namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Messages of <see cref="WatcherActor"/>.</summary>
internal abstract record WatcherMsg
{
    public sealed record WatchIt(IActorRef Target) : WatcherMsg;

    public sealed record UnwatchIt(IActorRef Target) : WatcherMsg;

    public sealed record Gone(string Path) : WatcherMsg;
}
