namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Messages of <see cref="CounterActor"/>.</summary>
internal abstract record CounterMsg
{
    public sealed record Add(int Amount) : CounterMsg;

    public sealed record Get(IActorRef<int> ReplyTo) : CounterMsg;

    public sealed record Throw(string Reason) : CounterMsg;

    public sealed record Ignore : CounterMsg;
}
