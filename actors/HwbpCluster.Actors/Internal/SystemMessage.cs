namespace HwbpCluster.Actors.Internal;

/// <summary>A lifecycle message: its kind, the other cell involved and, for failures, the exception.</summary>
internal sealed class SystemMessage(SystemMessageKind kind, ActorCellBase? cell = null, Exception? exception = null)
{
    public static readonly SystemMessage Create = new(SystemMessageKind.Create);
    public static readonly SystemMessage Stop = new(SystemMessageKind.Stop);
    public static readonly SystemMessage Resume = new(SystemMessageKind.Resume);

    public SystemMessageKind Kind { get; } = kind;

    public ActorCellBase? Cell { get; } = cell;

    public Exception? Exception { get; } = exception;

    /// <summary>How the message appears in a deterministic trace.</summary>
    public string TraceName => Cell is null ? "$" + Kind : "$" + Kind + ":" + Cell.Path;
}
