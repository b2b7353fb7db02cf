using Akka.Actor;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>Creates the node's hosts from its options: one or more simulated hosts, or this machine's registers.</summary>
internal static class HostFactory
{
    /// <summary>Starts the hosts on the node's actor system; throws <see cref="NodeStartupException"/> when the chosen backend cannot run here.</summary>
    public static IReadOnlyList<IHwbpHost> Create(HwbpNodeOptions options, ActorSystem system, TimeProvider time, ILoggerFactory loggers)
    {
        var maxWait = TimeSpan.FromMilliseconds(options.MaxWaitMs);
        var slice = TimeSpan.FromMilliseconds(options.FlexibleSliceMs);
        var firstId = ReservationIdBase.For(time.GetUtcNow());
        if (options.Backend == "linux")
        {
            return [StartLinux(options, system, maxWait, slice, time, loggers, firstId)];
        }

        var profile = ArchNames.TryProfile(options.Arch, options.EffectiveCpus())
            ?? throw new NodeStartupException($"--arch '{options.Arch}' is not one of {string.Join(", ", ArchNames.Accepted)}");
        return options.HostNames()
            .Select(name => SimulatedHost.Start(system, new SimulatedHostOptions(name, profile)
            {
                Time = time, LoggerFactory = loggers, MaxWait = maxWait, FlexibleSlice = slice, FirstReservationId = firstId,
            }))
            .ToArray();
    }

    // The machine's own profile (arch, online CPUs, slots) is detected: --arch and --cpus describe simulated hosts only.
    private static LinuxHost StartLinux(
        HwbpNodeOptions options, ActorSystem system, TimeSpan maxWait, TimeSpan slice, TimeProvider time, ILoggerFactory loggers, long firstId)
    {
        try
        {
            return LinuxHost.Start(options.HostName, time, loggers, LinuxHostOptions.ForHitWakeup((uint)options.HitWakeup) with
            {
                AllowSilentHardware = options.AllowSilentHardware,
                Actors = system,
                MaxWait = maxWait,
                FlexibleSlice = slice,
                FirstReservationId = firstId,
            });
        }
        catch (HostException ex)
        {
            throw new NodeStartupException($"--backend linux: {ex.Message}", ex);
        }
    }
}
