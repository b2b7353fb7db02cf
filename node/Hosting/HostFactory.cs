using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Creates the node's hosts from its options: one or more simulated hosts, or this machine's registers.</summary>
internal static class HostFactory
{
    /// <summary>Starts the hosts; throws <see cref="NodeStartupException"/> when the chosen backend cannot run here.</summary>
    public static IReadOnlyList<IHwbpHost> Create(HwbpNodeOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        var firstId = ReservationIdBase.For(time.GetUtcNow());
        if (options.Backend == "linux")
        {
            return [StartLinux(options, time, loggers, firstId)];
        }

        var profile = ArchNames.TryProfile(options.Arch, options.EffectiveCpus())
            ?? throw new NodeStartupException($"--arch '{options.Arch}' is not one of {string.Join(", ", ArchNames.Accepted)}");
        return options.HostNames().Select(name => StartSimulated(name, profile, time, loggers, firstId)).ToArray();
    }

    // One actor system per host: hosts do not share mailbox threads' fairness, and disposing a host stops its system.
    private static IHwbpHost StartSimulated(string name, Arbitration.ArchProfile profile, TimeProvider time, ILoggerFactory loggers, long firstId) =>
        SimulatedHost.Start(new SimulatedHostOptions(name, profile) { Time = time, LoggerFactory = loggers, FirstReservationId = firstId });

    // The machine's own profile (arch, online CPUs, slots) is detected: --arch and --cpus describe simulated hosts only.
    private static LinuxHost StartLinux(HwbpNodeOptions options, TimeProvider time, ILoggerFactory loggers, long firstId)
    {
        try
        {
            return LinuxHost.Start(options.HostName, time, loggers, new LinuxHostOptions
            {
                AllowSilentHardware = options.AllowSilentHardware,
                FirstReservationId = firstId,
            });
        }
        catch (HostException ex)
        {
            throw new NodeStartupException($"--backend linux: {ex.Message}", ex);
        }
    }
}
