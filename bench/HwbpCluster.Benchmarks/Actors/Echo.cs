using HwbpCluster.Actors;

namespace HwbpCluster.Benchmarks.Actors;

/// <summary>Replies with the request's value.</summary>
internal sealed class Echo : Actor<Echo.Request>
{
    protected override void Receive(Request message) => message.ReplyTo.Tell(message.Value);

    /// <summary>A value and where to send it back.</summary>
    public sealed record Request(int Value, IActorRef<int> ReplyTo);
}
