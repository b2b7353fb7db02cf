namespace HwbpCluster.Actors.Internal;

/// <summary>Failure: the failing actor suspends itself and asks its parent (or the guardian strategy) for a directive.</summary>
internal abstract partial class ActorCellBase
{
    private ActorCellBase? _escalatedChild;

    /// <summary>Suspends this actor after a throw and reports the failure to whoever supervises it.</summary>
    internal void Fail(Exception exception)
    {
        _state = Suspended;
        if (ParentCell is { } parent)
        {
            parent.PostSystem(new SystemMessage(SystemMessageKind.Failed, this, exception));
            return;
        }

        var directive = Decide(System.Options.GuardianStrategy, this, exception);
        if (directive == Directive.Escalate)
        {
            directive = Directive.Stop;
        }

        System.PublishFailure(this, exception, directive);
        Apply(this, directive, exception);
    }

    private void HandleChildFailure(ActorCellBase child, Exception exception)
    {
        // A failure report from a child that is already being stopped, or from an old incarnation's child, is moot.
        if (_state >= Stopping || _children is null || !_children.TryGetValue(child.Name, out var live) || live != child)
        {
            return;
        }

        var directive = Decide(ChildStrategy, child, exception);
        System.PublishFailure(child, exception, directive);
        if (directive == Directive.Escalate)
        {
            _escalatedChild = child;
            Fail(exception);
        }
        else
        {
            Apply(child, directive, exception);
        }
    }

    private static Directive Decide(SupervisorStrategy strategy, ActorCellBase child, Exception exception)
    {
        Directive directive;
        try
        {
            directive = strategy.Decide(exception);
        }
        catch (Exception ex)
        {
            Log.HookFailed(child.System.Logger, ex, child.Path);
            directive = Directive.Escalate;
        }

        return directive == Directive.Restart && !child.AllowRestart(strategy) ? Directive.Stop : directive;
    }

    private static void Apply(ActorCellBase target, Directive directive, Exception exception)
    {
        switch (directive)
        {
            case Directive.Resume:
                target.PostSystem(SystemMessage.Resume);
                break;
            case Directive.Restart:
                target.PostSystem(new SystemMessage(SystemMessageKind.Recreate, exception: exception));
                break;
            default:
                target.PostSystem(SystemMessage.Stop);
                break;
        }
    }

    private bool AllowRestart(SupervisorStrategy strategy)
    {
        if (strategy.MaxRestarts < 0)
        {
            return true;
        }

        var time = System.Time;
        var now = time.GetTimestamp();
        if (RestartCount == 0 || time.GetElapsedTime(RestartWindowStart, now) > strategy.Within)
        {
            RestartWindowStart = now;
            RestartCount = 0;
        }

        return ++RestartCount <= strategy.MaxRestarts;
    }

    private void ResumeEscalatedChild()
    {
        if (_escalatedChild is { } child)
        {
            _escalatedChild = null;
            child.PostSystem(SystemMessage.Resume);
        }
    }
}
