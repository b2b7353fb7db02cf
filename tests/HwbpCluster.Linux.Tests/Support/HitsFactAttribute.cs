namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A hardware fact that needs the machine to deliver hits, not only accept breakpoints; elsewhere it skips saying why.</summary>
/// <remarks>Some VMs accept perf breakpoints but never fire them; the probe arms one on a fresh thread and writes once.</remarks>
public sealed class HitsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Problem = new(FindProblem);

    public HitsFactAttribute()
    {
        Skip = new HardwareFactAttribute().Skip ?? Problem.Value;
    }

    private static string? FindProblem()
    {
        using var cell = new NativeBlock(8);
        ulong count = 0;
        var probe = new Thread(() =>
        {
            using PerfBreakpoint watch = PerfBreakpoint.Open(
                BreakpointTarget.Task(LinuxThreads.CurrentTid()), new BreakpointSpec(cell.At(0), 8, BreakpointAccess.Write),
                new PerfBreakpointOptions { CountOnly = true });
            Access.Write64(cell.At(0), 1);
            count = watch.ReadCount();
        });
        probe.Start();
        probe.Join();
        return count == 0 ? "this machine accepts hardware breakpoints but delivers no hits (a watched write counted 0)" : null;
    }
}
