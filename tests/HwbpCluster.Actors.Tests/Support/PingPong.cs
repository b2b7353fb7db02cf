namespace HwbpCluster.Actors.Tests.Support;

/// <summary>A small concurrent workload: several pairs bounce a counter back and forth, with random-ish delays.</summary>
internal static class PingPong
{
    public static void Start(ActorSystem system, int pairs, int rounds)
    {
        for (var p = 0; p < pairs; p++)
        {
            var pong = system.Spawn(() => new Player(null), "pong-" + p);
            var ping = system.Spawn(() => new Player(pong), "ping-" + p);
            ping.Tell(new Ball(rounds, null));
        }
    }

    public sealed record Ball(int Remaining, IActorRef<Ball>? From);

    private sealed class Player(IActorRef<Ball>? partner) : Actor<Ball>
    {
        protected override void Receive(Ball message)
        {
            var to = message.From ?? partner;
            if (message.Remaining > 0 && to is not null)
            {
                to.Tell(new Ball(message.Remaining - 1, Self));
            }
        }
    }
}
