namespace HwbpCluster.Hosts.Internal;

/// <summary>Observes the step at which each operation's outcome is decided (its linearization point), for model checking.</summary>
/// <remarks>Called on the deciding actor's turn; must only record.</remarks>
internal interface IHostProbe
{
    void Linearized(Linearization operation, bool succeeded);

    /// <summary>A prepare was parked on <paramref name="cpu"/> (-1: the summary) to wait for another request's decision.</summary>
    void Parked(int cpu);

    /// <summary>A uniform task's counts moved from the summary into the CPU ledgers (its first breakpoint bound to one CPU).</summary>
    void Moved(long tid);

    /// <summary>The summary took a CPU-bound plan's first step: decided it alone (<paramref name="alone"/>: no task is counted
    /// in the CPU ledgers and no CPU plan is under way), or let the plan run on the CPUs as well.</summary>
    void Routed(bool alone);
}
