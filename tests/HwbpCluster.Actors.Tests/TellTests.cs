using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Actors.Tests.Support;

namespace HwbpCluster.Actors.Tests;

public sealed class TellTests
{
    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        Prop.ForAll<int, int[]>((seed, values) =>
        {
            var system = new DeterministicActorSystem(seed);
            var recorder = new Recorder<int>();
            var target = system.Spawn(() => new RecordingActor<int>(recorder));
            foreach (var value in values)
            {
                target.Tell(value);
            }

            system.RunUntilQuiescent();
            return recorder.Items.SequenceEqual(values);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Each_actor_sender_keeps_its_own_order_when_senders_interleave()
    {
        Prop.ForAll<int>(seed =>
        {
            var system = new DeterministicActorSystem(seed);
            var recorder = new Recorder<(int Sender, int Seq)>();
            var sink = system.Spawn(() => new RecordingActor<(int, int)>(recorder));
            var senders = Enumerable.Range(0, 4).Select(i => system.Spawn(() => new Burst(sink, i, 25))).ToList();
            foreach (var sender in senders)
            {
                sender.Tell("go");
            }

            system.RunUntilQuiescent();
            var items = recorder.Items;
            return items.Count == 100
                && items.GroupBy(i => i.Sender).All(g => g.Select(i => i.Seq).SequenceEqual(Enumerable.Range(0, 25)));
        }).QuickCheckThrowOnFailure();
    }

    private sealed class Burst(IActorRef<(int, int)> sink, int id, int count) : Actor<string>
    {
        protected override void Receive(string message)
        {
            for (var i = 0; i < count; i++)
            {
                sink.Tell((id, i));
            }
        }
    }
}
