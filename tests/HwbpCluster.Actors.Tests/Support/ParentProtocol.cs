namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Messages of <see cref="ParentActor"/>.</summary>
internal abstract record ParentMsg
{
    public sealed record SpawnCounter(string Name, int Initial, IActorRef<IActorRef<CounterMsg>> ReplyTo) : ParentMsg;

    public sealed record Throw(string Reason) : ParentMsg;
}
