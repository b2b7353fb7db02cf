namespace HwbpCluster.Actors.Internal;

/// <summary>Creation, restart and the stop sequence (children first, then PostStop, then watchers and parent).</summary>
internal abstract partial class ActorCellBase
{
    private Dictionary<string, ActorCellBase>? _children;
    private HashSet<ActorCellBase>? _allChildren;
    private HashSet<ActorCellBase>? _watchers;
    private HashSet<TimerHandle>? _timers;
    private long _childNames;

    internal IReadOnlyCollection<IActorRef> LiveChildren =>
        _children is null ? [] : _children.Values;

    internal void AddChild(ActorCellBase child)
    {
        _children ??= new Dictionary<string, ActorCellBase>(StringComparer.Ordinal);
        if (!_children.TryAdd(child.Name, child))
        {
            throw new ArgumentException($"'{Path}' already has a live child named '{child.Name}'.", nameof(child));
        }

        (_allChildren ??= []).Add(child);
    }

    internal string NextChildName() => "$" + (++_childNames).ToString(global::System.Globalization.CultureInfo.InvariantCulture);

    internal bool IsStoppingOrTerminated => _state >= Stopping;

    internal void TrackTimer(TimerHandle timer)
    {
        _timers ??= [];
        if (_timers.Count >= 32)
        {
            _timers.RemoveWhere(static t => t.IsDone);
        }

        _timers.Add(timer);
    }

    private void Create(Exception? restartCause)
    {
        try
        {
            CreateInstance(restartCause);
            _state = Running;
        }
        catch (Exception ex)
        {
            Fail(new ActorInitializationException($"Actor '{Path}' failed to start.", ex));
        }
    }

    private void Restart(Exception cause)
    {
        DestroyInstance(cause);
        CancelTimers();
        UnwatchAll();
        StopChildren();
        _escalatedChild = null;
        Create(cause);
    }

    private void BeginStop()
    {
        if (_state >= Stopping)
        {
            return;
        }

        _state = Stopping;
        _escalatedChild = null;
        CancelTimers();
        UnwatchAll();
        StopChildren();
        if (_allChildren is null || _allChildren.Count == 0)
        {
            FinishStop();
        }
    }

    private void StopChildren()
    {
        if (_children is null)
        {
            return;
        }

        // Detached at once: a restarted instance may reuse the names while the old children finish stopping.
        foreach (var child in _children.Values)
        {
            child.PostSystem(SystemMessage.Stop);
        }

        _children.Clear();
    }

    private void OnChildTerminated(ActorCellBase child)
    {
        _allChildren?.Remove(child);
        if (_children is not null && _children.TryGetValue(child.Name, out var live) && live == child)
        {
            _children.Remove(child.Name);
        }

        if (_escalatedChild == child)
        {
            _escalatedChild = null;
        }

        if (_state == Stopping && (_allChildren is null || _allChildren.Count == 0))
        {
            FinishStop();
        }
    }

    private void FinishStop()
    {
        DestroyInstance(null);
        _state = Terminated;
        DrainToDeadLetters();
        if (_watchers is not null)
        {
            foreach (var watcher in _watchers)
            {
                watcher.PostSystem(new SystemMessage(SystemMessageKind.WatchedTerminated, this));
            }

            _watchers = null;
        }

        if (ParentCell is { } parent)
        {
            parent.PostSystem(new SystemMessage(SystemMessageKind.ChildTerminated, this));
        }
        else
        {
            System.OnTopLevelTerminated(this);
        }
    }

    private void AddWatcher(ActorCellBase watcher)
    {
        if (_state == Terminated)
        {
            watcher.PostSystem(new SystemMessage(SystemMessageKind.WatchedTerminated, this));
        }
        else
        {
            (_watchers ??= []).Add(watcher);
        }
    }

    private void CancelTimers()
    {
        if (_timers is null)
        {
            return;
        }

        foreach (var timer in _timers)
        {
            timer.Cancel();
        }

        _timers.Clear();
    }
}
