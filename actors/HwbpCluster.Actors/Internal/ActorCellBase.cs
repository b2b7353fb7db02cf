namespace HwbpCluster.Actors.Internal;

/// <summary>The untyped half of an actor: lifecycle, children, supervision and watchers.</summary>
/// <remarks>
/// All state here is touched only on the actor's own turn (one runner at a time); other actors and threads
/// reach it only through system messages. The state field is volatile so senders can test for termination.
/// </remarks>
internal abstract partial class ActorCellBase : IActorRef
{
    private const int Starting = 0;
    private const int Running = 1;
    private const int Suspended = 2;
    private const int Stopping = 3;
    private const int Terminated = 4;

    [ThreadStatic]
    private static ActorCellBase? t_constructing;

    private volatile int _state;

    protected ActorCellBase(ActorSystem system, ActorCellBase? parent, string path, string name)
    {
        System = system;
        ParentCell = parent;
        Path = path;
        Name = name;
    }

    /// <summary>The cell whose factory is running on this thread, so an actor's constructor can bind to it.</summary>
    internal static ActorCellBase? Constructing => t_constructing;

    public string Path { get; }

    internal string Name { get; }

    internal ActorSystem System { get; }

    internal ActorCellBase? ParentCell { get; }

    internal bool IsTerminated => _state == Terminated;

    internal bool CanProcessUser => _state == Running;

    /// <summary>Restarts counted by the supervisor (touched only on the supervisor's turn).</summary>
    internal int RestartCount { get; set; }

    internal long RestartWindowStart { get; set; }

    /// <summary>The strategy this actor applies to its children (its instance's, or the default without one).</summary>
    protected abstract SupervisorStrategy ChildStrategy { get; }

    internal static ActorCellBase Resolve(IActorRef actor) => actor switch
    {
        ActorCellBase cell => cell,
        IAdaptedRef adapted => Resolve(adapted.Target),
        null => throw new ArgumentNullException(nameof(actor)),
        _ => throw new ArgumentException($"'{actor.Path}' is not an actor of this runtime.", nameof(actor)),
    };

    internal static void ValidateName(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a valid actor name.", nameof(name));
        }
    }

    internal void Start() => PostSystem(SystemMessage.Create);

    internal abstract void PostSystem(SystemMessage message);

    internal void ProcessSystem(SystemMessage message)
    {
        switch (message.Kind)
        {
            case SystemMessageKind.Create when _state == Starting:
                Create(null);
                break;
            case SystemMessageKind.Stop:
                BeginStop();
                break;
            case SystemMessageKind.Resume when _state == Suspended:
                _state = Running;
                ResumeEscalatedChild();
                break;
            case SystemMessageKind.Recreate when _state == Suspended:
                Restart(message.Exception!);
                break;
            case SystemMessageKind.Failed:
                HandleChildFailure(message.Cell!, message.Exception!);
                break;
            case SystemMessageKind.ChildTerminated:
                OnChildTerminated(message.Cell!);
                break;
            case SystemMessageKind.Watch:
                AddWatcher(message.Cell!);
                break;
            case SystemMessageKind.Unwatch:
                _watchers?.Remove(message.Cell!);
                break;
            case SystemMessageKind.WatchedTerminated:
                OnWatchedTerminated(message.Cell!);
                break;
            default:
                break;
        }
    }

    /// <summary>Builds a new instance (factory, then PreStart or PostRestart); throws what they throw.</summary>
    protected abstract void CreateInstance(Exception? restartCause);

    /// <summary>Runs PostStop (no cause) or PreRestart (cause) on the instance, logging a throw, and drops it.</summary>
    protected abstract void DestroyInstance(Exception? restartCause);

    protected abstract void OnWatchedTerminated(ActorCellBase target);

    protected abstract void UnwatchAll();

    protected abstract void DrainToDeadLetters();

    protected static void RunFactory(ActorCellBase cell, Action create)
    {
        var previous = t_constructing;
        t_constructing = cell;
        try
        {
            create();
        }
        finally
        {
            t_constructing = previous;
        }
    }

    public override string ToString() => Path;
}
