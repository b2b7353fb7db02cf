namespace HwbpCluster.Hosts.Internal;

/// <summary>Identifies an operation to a <see cref="IHostProbe"/> when its outcome is decided.</summary>
/// <param name="Operation">reserve, release, modify, fork, exit, suspend, resume.</param>
/// <param name="ReservationId">The reservation (0 for fork and exit).</param>
/// <param name="Label">The request's label (reserve).</param>
/// <param name="Tid">The task (fork: the parent; exit).</param>
internal sealed record Linearization(string Operation, long ReservationId, string Label, long Tid)
{
    /// <summary>Fork: the child task.</summary>
    public long Child { get; init; }
}
