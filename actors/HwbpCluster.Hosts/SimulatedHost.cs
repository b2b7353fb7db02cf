using HwbpCluster.Actors;
using HwbpCluster.Hosts.Backends;
using HwbpCluster.Hosts.Internal;

namespace HwbpCluster.Hosts;

/// <summary>Builds simulated hosts: the host actors (HostActor, a CpuActor per CPU, TaskActors, client actors) over the simulated backend.</summary>
public static class SimulatedHost
{
    /// <summary>Starts a host on its own production actor system (thread-pool mailboxes); disposing the host stops the system.</summary>
    public static IHwbpHost Start(SimulatedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var system = ActorSystem.Create("host-" + options.Name, options.Time, options.LoggerFactory);
        return Start(system, options, ownsSystem: true, probe: null);
    }

    /// <summary>Starts a host on <paramref name="system"/> (production, or a <see cref="DeterministicActorSystem"/> in tests), using its clock.</summary>
    /// <remarks>Several hosts may share one system when their names differ. Disposing the host stops its actors, not the system.</remarks>
    public static IHwbpHost Start(ActorSystem system, SimulatedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Start(system, options, ownsSystem: false, probe: null);
    }

    internal static HostFacade Start(ActorSystem system, SimulatedHostOptions options, bool ownsSystem, IHostProbe? probe)
    {
        var backend = options.Backend ?? new SimulatedRegisterBackend(options.Profile);
        var settings = new HostSettings(options.Name, options.Profile, backend, options.FlexibleSlice)
        {
            Probe = probe,
            FirstReservationId = options.FirstReservationId,
        };
        var host = system.Spawn(() => new HostActor(settings), "host-" + ActorNames.Part(options.Name));
        return new HostFacade(system, host, new HostDescription(options.Name, options.Profile, "sim"), ownsSystem);
    }
}
