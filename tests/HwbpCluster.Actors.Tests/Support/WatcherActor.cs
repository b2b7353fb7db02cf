namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Watches or unwatches the actors it is told about and records the terminated messages it gets.</summary>
internal sealed class WatcherActor(Recorder<string> seen) : Actor<WatcherMsg>
{
    protected override void Receive(WatcherMsg message)
    {
        switch (message)
        {
            case WatcherMsg.WatchIt w:
                Context.Watch(w.Target, new WatcherMsg.Gone(w.Target.Path));
                break;
            case WatcherMsg.UnwatchIt u:
                Context.Unwatch(u.Target);
                break;
            case WatcherMsg.Gone g:
                seen.Add(g.Path);
                break;
            default:
                break;
        }
    }
}
