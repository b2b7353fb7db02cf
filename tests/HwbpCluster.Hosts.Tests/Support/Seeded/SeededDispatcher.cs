using Akka.Dispatch;

namespace HwbpCluster.Hosts.Tests.Support.Seeded;

/// <summary>An Akka.NET dispatcher that runs nothing by itself: it collects the mailboxes ready to run, and a seeded test loop picks which runs next.</summary>
/// <remarks>
/// Akka registers a mailbox for execution when it gets a message and re-registers it after a run that left work, so the
/// ready list is exactly the set of actors that have something to do. <c>throughput = 1</c> alone gives two messages per
/// run (Akka's off-by-one); a throughput deadline of one tick makes it exactly one.
/// </remarks>
public sealed class SeededDispatcher : MessageDispatcher
{
    private readonly List<IRunnable> _ready = [];
    private readonly Lock _gate = new();

    public SeededDispatcher(MessageDispatcherConfigurator configurator)
        : base(configurator)
    {
        ThroughputDeadlineTime = 1;
    }

    public int ReadyCount
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Forgets every ready mailbox (the previous schedule's leftovers) before a new schedule starts.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _ready.Clear();
        }
    }

    /// <summary>Runs the mailbox at <paramref name="pick"/> (modulo the ready count): its system messages and one message. False when none is ready.</summary>
    public bool RunOne(Func<int, int> pick)
    {
        IRunnable next;
        lock (_gate)
        {
            if (_ready.Count == 0)
            {
                return false;
            }

            var index = pick(_ready.Count);
            next = _ready[index];
            _ready.RemoveAt(index);
        }

        next.Run();
        return true;
    }

    protected override void ExecuteTask(IRunnable run)
    {
        lock (_gate)
        {
            _ready.Add(run);
        }
    }

    protected override void Shutdown()
    {
    }
}
