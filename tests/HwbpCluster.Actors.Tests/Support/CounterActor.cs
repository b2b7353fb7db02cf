namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Holds a count in memory (so a restart visibly rebuilds it) and throws on request.</summary>
internal sealed class CounterActor(int initial = 0, Recorder<string>? lifecycle = null) : Actor<CounterMsg>
{
    private int _count = initial;

    protected override void Receive(CounterMsg message)
    {
        switch (message)
        {
            case CounterMsg.Add add:
                _count += add.Amount;
                break;
            case CounterMsg.Get get:
                get.ReplyTo.Tell(_count);
                break;
            case CounterMsg.Throw t:
                throw new InvalidOperationException(t.Reason);
            default:
                break;
        }
    }

    protected override void PreStart() => lifecycle?.Add("start:" + Self.Path);

    protected override void PostStop() => lifecycle?.Add("stop:" + Self.Path);

    protected override void PreRestart(Exception cause) => lifecycle?.Add("pre-restart:" + cause.Message);

    protected override void PostRestart(Exception cause) => lifecycle?.Add("post-restart:" + cause.Message);
}
