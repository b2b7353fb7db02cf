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
    /// perf_event_paranoid too high, no kernel support), with the reason and what to do.</exception>
    public static LinuxHost Start(
        string name, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, LinuxHostOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeProvider);
        HardwareBreakpointSupport support = HardwareBreakpoints.Probe();
        if (!support.IsAvailable)
        {
            throw new HostException(HostError.FailedPrecondition,
                $"the linux backend needs hardware breakpoints through perf_event_open, which this process cannot use: {support.Reason}. "
                + "Run the node as root or with CAP_PERFMON, lower kernel.perf_event_paranoid, or use --backend sim");
        }

        options ??= LinuxHostOptions.Default;
        var profile = options.Profile ?? MachineProfile.Detect();
        var accountingOptions = new SimulatedHostOptions(name, profile) { Time = timeProvider, LoggerFactory = loggerFactory, MaxWait = options.MaxWait };
        IHwbpHost accounting = options.Actors is { } system
            ? SimulatedHost.Start(system, accountingOptions)
            : SimulatedHost.Start(accountingOptions);
        LinuxHost host;
        try
        {
            host = new LinuxHost(accounting, timeProvider, loggerFactory, options);
        }
        catch
        {
            accounting.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        LinuxHostLog.Started(host._log, name, profile.ToString(), support.Reason);
        if (HardwareBreakpoints.ProbeCpuWide() is { IsAvailable: false } cpuWide)
        {
            LinuxHostLog.NoCpuWide(host._log, name, cpuWide.Reason);
        }

        return host;
    }
}
