namespace HwbpCluster.Actors.Internal;

/// <summary>A mailbox of the deterministic system: plain queues, one message per step, no locks.</summary>
internal sealed class DeterministicMailbox<TMessage>(ActorCell<TMessage> cell, DeterministicActorSystem system)
    : Mailbox<TMessage>, ISchedulable
{
    private readonly Queue<TMessage> _user = new();
    private readonly Queue<SystemMessage> _system = new();

    public int ReadyIndex { get; set; } = -1;

    public bool HasWork =>
        _system.Count > 0 || (_user.Count > 0 && (cell.CanProcessUser || cell.IsTerminated));

    public override void Post(TMessage message)
    {
        system.CheckThread();
        _user.Enqueue(message);
        if (cell.CanProcessUser)
        {
            system.MarkReady(this);
        }
    }

    public override void PostSystem(SystemMessage message)
    {
        system.CheckThread();
        _system.Enqueue(message);
        system.MarkReady(this);
    }

    public override void DrainToDeadLetters()
    {
        while (_user.TryDequeue(out var message))
        {
            cell.System.PublishDeadLetter(message, cell);
        }
    }

    public void RunOne()
    {
        if (_system.TryDequeue(out var lifecycle))
        {
            system.Record(cell, lifecycle.TraceName);
            cell.ProcessSystem(lifecycle);
        }
        else if (cell.IsTerminated)
        {
            DrainToDeadLetters();
        }
        else
        {
            var message = _user.Dequeue();
            system.Record(cell, message);
            cell.Invoke(message);
        }
    }
}
