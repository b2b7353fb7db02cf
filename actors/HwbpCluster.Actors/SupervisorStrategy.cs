namespace HwbpCluster.Actors;

/// <summary>How a parent treats failing children (one-for-one: only the failing child is affected).</summary>
/// <remarks>
/// A <see cref="Directive.Restart"/> beyond <see cref="MaxRestarts"/> restarts within <see cref="Within"/>
/// (on the system's clock) becomes <see cref="Directive.Stop"/>.
/// </remarks>
public sealed class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    /// <summary>Creates a strategy from a decider and a restart budget (negative <paramref name="maxRestarts"/> is unlimited).</summary>
    public SupervisorStrategy(Func<Exception, Directive> decider, int maxRestarts = 10, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        _decider = decider;
        MaxRestarts = maxRestarts;
        Within = within ?? TimeSpan.FromMinutes(1);
    }

    /// <summary>Stops a child that failed to start, restarts one that failed in a handler (10 per minute).</summary>
    public static SupervisorStrategy Default { get; } =
        new(ex => ex is ActorInitializationException ? Directive.Stop : Directive.Restart);

    /// <summary>Stops every failing child.</summary>
    public static SupervisorStrategy Stopping { get; } = new(_ => Directive.Stop);

    /// <summary>Restarts allowed within <see cref="Within"/> before the child is stopped; negative means no limit.</summary>
    public int MaxRestarts { get; }

    /// <summary>The window in which restarts are counted.</summary>
    public TimeSpan Within { get; }

    /// <summary>The directive for a failure.</summary>
    public Directive Decide(Exception exception) => _decider(exception);
}
