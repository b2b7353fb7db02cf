namespace HwbpCluster.Hosts.Internal;

/// <summary>A task actor's answer to the host.</summary>
/// <param name="Ok">Carried out.</param>
/// <param name="Error">Why not, when not.</param>
/// <param name="Reason">For a refusal: who holds the slots.</param>
/// <param name="Affected">Fork: the child's copies; exit: the released breakpoints.</param>
internal sealed record TaskOutcome(bool Ok, HostError Error, string Reason, IReadOnlyList<TaskBp> Affected)
{
    public static TaskOutcome Done { get; } = new(true, HostError.FailedPrecondition, string.Empty, []);

    public static TaskOutcome Fail(HostError error, string reason) => new(false, error, reason, []);
}
