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
                "--backend linux: the Linux backend is not wired into the host actors yet (no register-backend adapter over perf_event_open); " +
                "use --backend sim"),
        };
    }

    // The host actors' factory is being written; until it lands the node says so at start-up rather than serve a pretend host.
    private static IHwbpHost StartSimulated(HostDescription description, TimeProvider time, ILoggerFactory loggers) =>
        throw new NodeStartupException(
            $"--backend sim: the simulated host actors are not in this build yet, so host {description.Name} cannot start " +
            $"(clock {time.GetType().Name}, logging {loggers.GetType().Name})");
}
