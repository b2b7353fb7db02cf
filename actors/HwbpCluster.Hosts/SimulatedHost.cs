using Akka.Actor;
using Akka.Configuration;
using HwbpCluster.Hosts.Backends;
using HwbpCluster.Hosts.Internal;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts;

/// <summary>Builds simulated hosts: the host actors (HostActor, a CpuActor per CPU, TaskActors, client actors) on Akka.NET over the simulated backend.</summary>
public static class SimulatedHost
{
    /// <summary>
    /// The Akka.NET settings a system that runs hosts needs: no serializer falls back to JSON with type names (messages that
    /// cross nodes later must be protobuf or bound to a serializer of ours).
    /// </summary>
    public static string AkkaHocon => """
        akka.actor.serialization-settings.allow-unregistered-types = false
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        """;

    /// <summary>Starts a host on its own actor system; disposing the host terminates the system.</summary>
    public static IHwbpHost Start(SimulatedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var system = ActorSystem.Create("host-" + ActorNames.Part(options.Name), ConfigurationFactory.ParseString(AkkaHocon));
        return Start(system, options, ownsSystem: true, probe: null);
    }

    /// <summary>Starts a host on <paramref name="system"/> (the node's), as its own subtree; disposing the host stops that subtree only.</summary>
    /// <remarks>Several hosts may share one system when their names differ. The host's clock is <see cref="SimulatedHostOptions.Time"/>.</remarks>
    public static IHwbpHost Start(ActorSystem system, SimulatedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Start(system, options, ownsSystem: false, probe: null);
    }

    internal static HostFacade Start(ActorSystem system, SimulatedHostOptions options, bool ownsSystem, IHostProbe? probe,
        string? dispatcher = null, bool synchronousReplies = false, string? actorName = null, bool simulates = true)
    {
        var backend = options.Backend ?? new SimulatedRegisterBackend(options.Profile);
        var settings = new HostSettings(options.Name, options.Profile, backend, options.FlexibleSlice, options.MaxWait)
        {
            Probe = probe,
            FirstReservationId = options.FirstReservationId,
            Time = options.Time ?? TimeProvider.System,
            Dispatcher = dispatcher ?? Akka.Dispatch.Dispatchers.DefaultDispatcherId,
            SynchronousReplies = synchronousReplies,
            Log = options.LoggerFactory?.CreateLogger("HwbpCluster.Hosts.Host") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };
        HostFacade? facade = null;
        var host = ActorShell<HostMsg>.Props(() => new HostActor(settings), settings.Time, settings.Dispatcher);
        var subtree = system.ActorOf(
            HostSupervisor.Props(host, cause => facade?.TakeOut(cause), settings.Dispatcher), actorName ?? "host-" + ActorNames.Part(options.Name));
        facade = new HostFacade(system, subtree, settings, new HostDescription(options.Name, options.Profile, "sim"), ownsSystem, simulates);
        return facade;
    }
}
