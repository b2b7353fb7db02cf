using Akka.Actor;
using Akka.Configuration;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts;

/// <summary>The host actors without a simulator, for a real backend that decorates them: the host, and the port for the machine's threads.</summary>
/// <param name="Host">The accounting host (its <see cref="IHwbpHost.Simulator"/> is null: its tasks are real threads).</param>
/// <param name="Tasks">Where the backend registers and removes threads.</param>
public sealed record AccountingHost(IHwbpHost Host, ITaskRegistry Tasks)
{
    /// <summary>Starts the accounting host on <paramref name="system"/> (the node's), or on a system of its own that it terminates on dispose.</summary>
    public static AccountingHost Start(SimulatedHostOptions options, ActorSystem? system = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var owned = system is null;
        system ??= ActorSystem.Create("host-" + ActorNames.Part(options.Name), ConfigurationFactory.ParseString(SimulatedHost.AkkaHocon));
        var facade = SimulatedHost.Start(system, options, owned, probe: null, simulates: false);
        return new AccountingHost(facade, facade);
    }
}
