using HwbpCluster.Hosts;
using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Creates the node's hosts from its options: one or more simulated hosts, or this machine's registers.</summary>
internal static class HostFactory
{
    /// <summary>Starts the hosts; throws <see cref="NodeStartupException"/> when the chosen backend cannot run here.</summary>
    public static IReadOnlyList<IHwbpHost> Create(HwbpNodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var profile = ArchNames.TryProfile(options.Arch, options.EffectiveCpus())
            ?? throw new NodeStartupException($"--arch '{options.Arch}' is not one of {string.Join(", ", ArchNames.Accepted)}");
        return options.Backend switch
        {
            "sim" => options.HostNames().Select(name => StartSimulated(new HostDescription(name, profile, "sim"), time, loggers)).ToArray(),
            _ => throw new NodeStartupException(
                "--backend linux: the Linux backend is not wired into the host actors yet " +
                "(no register-backend adapter over perf_event_open); " +
                "use --backend sim"),
        };
    }

    // One actor system per host: a host's actors never share mailbox threads' fairness with another host's, and disposing
    // the host stops its system.
    private static IHwbpHost StartSimulated(HostDescription description, TimeProvider time, ILoggerFactory loggers) =>
        SimulatedHost.Start(new SimulatedHostOptions(description.Name, description.Profile) { Time = time, LoggerFactory = loggers });
}
