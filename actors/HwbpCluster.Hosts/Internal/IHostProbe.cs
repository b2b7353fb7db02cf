namespace HwbpCluster.Hosts.Internal;

/// <summary>Observes the step at which each operation's outcome is decided (its linearization point), for model checking.</summary>
/// <remarks>Called on the deciding actor's turn; must only record.</remarks>
internal interface IHostProbe
{
    void Linearized(Linearization operation, bool succeeded);

    /// <summary>A prepare was parked on <paramref name="cpu"/> to wait for another request's decision.</summary>
    void Parked(int cpu);
}
