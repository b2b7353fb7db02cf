namespace HwbpCluster.Linux.Internal.Probe;

/// <summary>The real kernel: perf_event_open on the calling thread, read() for the count.</summary>
internal sealed class PerfProbeKernel : IProbeKernel
{
    public static PerfProbeKernel Instance { get; } = new();

    public string Release { get; } = ReadRelease();

    public (IProbeWatch? Watch, PerfFailure? Failure) ArmWriteWatch(ulong cell)
    {
        var options = new PerfBreakpointOptions { StartEnabled = true, CountOnly = true };
        PerfOpenResult result = PerfBreakpoint.TryOpen(
            BreakpointTarget.Task(PerfSyscalls.CurrentTid()), new BreakpointSpec(cell, 8, BreakpointAccess.Write), options);
        return result.IsSuccess ? (new Watch(result.Breakpoint), null) : (null, result.Failure);
    }

    private static string ReadRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Environment.OSVersion.Version.ToString();
        }
    }

    private sealed class Watch(PerfBreakpoint breakpoint) : IProbeWatch
    {
        public ulong Count() => breakpoint.ReadCount();

        public void Dispose() => breakpoint.Dispose();
    }
}
