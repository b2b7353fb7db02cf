using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <summary>Starts this machine's real host: probes hardware breakpoints, detects the profile, starts the accounting host.</summary>
    /// <param name="name">The host's name, unique in the cluster.</param>
    /// <param name="timeProvider">The clock for wait deadlines, reservation events and hit times.</param>
    /// <param name="loggerFactory">Where the host and its actors log; null logs nothing.</param>
    /// <param name="options">Profile override, ring buffers and reader; null for <see cref="LinuxHostOptions.Default"/>.</param>
    /// <exception cref="HostException">FailedPrecondition when this process cannot arm hardware breakpoints (not Linux, not root,
    /// perf_event_paranoid too high, no kernel support), or when they are accepted but never fire and
    /// <see cref="LinuxHostOptions.AllowSilentHardware"/> is off; the message says why and what to do.</exception>
    public static LinuxHost Start(
        string name, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, LinuxHostOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= LinuxHostOptions.Default;
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe();
        CheckSupport(support, options);
        var profile = options.Profile ?? MachineProfile.Detect();
        var accountingOptions = new SimulatedHostOptions(name, profile)
        {
            Time = timeProvider, LoggerFactory = loggerFactory, MaxWait = options.MaxWait,
            FirstReservationId = options.FirstReservationId,
        };
        AccountingHost accounting = AccountingHost.Start(accountingOptions, options.Actors);
        LinuxHost host;
        try
        {
            host = new LinuxHost(accounting, timeProvider, loggerFactory, options);
            if (!support.Fires)
            {
                host.Description = host.Description with { Warnings = [support.Reason] };
            }
        }
        catch
        {
            accounting.Host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        LinuxHostLog.Started(host._log, name, profile.ToString(), support.Reason);
        if (HardwareBreakpoints.ProbeCpuWide() is { IsAccepted: false } cpuWide)
        {
            LinuxHostLog.NoCpuWide(host._log, name, cpuWide.Reason);
        }

        return host;
    }

    /// <summary>Throws unless <paramref name="support"/> lets the backend start under <paramref name="options"/>.</summary>
    internal static void CheckSupport(HardwareBreakpointSupport support, LinuxHostOptions options)
    {
        if (support.Verdict == HardwareBreakpointVerdict.Refused)
        {
            throw new HostException(HostError.FailedPrecondition,
                $"the linux backend needs hardware breakpoints through perf_event_open, which this process cannot use: {support.Reason}. "
                + "Run the node as root or with CAP_PERFMON, lower kernel.perf_event_paranoid, or use --backend sim");
        }

        if (support.Verdict == HardwareBreakpointVerdict.NeverFires && !options.AllowSilentHardware)
        {
            throw new HostException(HostError.FailedPrecondition,
                $"{support.Reason}; reservations would be granted and never report a hit. "
                + "Use --backend sim, or --allow-silent-hardware to start anyway");
        }
    }
}
