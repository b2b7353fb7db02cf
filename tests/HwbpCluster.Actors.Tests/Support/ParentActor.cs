namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Spawns counter children on request and supervises them with a given strategy.</summary>
internal sealed class ParentActor(SupervisorStrategy strategy, Recorder<string> lifecycle) : Actor<ParentMsg>
{
    protected override SupervisorStrategy SupervisorStrategy => strategy;

    protected override void Receive(ParentMsg message)
    {
        switch (message)
        {
            case ParentMsg.SpawnCounter spawn:
                spawn.ReplyTo.Tell(Context.Spawn(() => new CounterActor(spawn.Initial, lifecycle), spawn.Name));
                break;
            case ParentMsg.Throw t:
                throw new InvalidOperationException(t.Reason);
            default:
                break;
        }
    }

    protected override void PreStart() => lifecycle.Add("start:" + Self.Path);

    protected override void PostStop() => lifecycle.Add("stop:" + Self.Path);
}
