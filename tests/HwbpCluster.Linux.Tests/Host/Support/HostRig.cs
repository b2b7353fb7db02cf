using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host.Support;

/// <summary>A real Linux host with one open session, a watched thread of this process and a native block it writes.</summary>
internal sealed class HostRig : IAsyncDisposable
{
    private HostRig(LinuxHost host, string session, RecordingLogs logs)
    {
        Host = host;
        Session = session;
        Logs = logs;
    }

    /// <summary>What the host logged, for failure messages.</summary>
    public RecordingLogs Logs { get; }

    public LinuxHost Host { get; }

    public string Session { get; }

    public WatchedThread Thread { get; } = new();

    public NativeBlock Block { get; } = new(256);

    public static async Task<HostRig> StartAsync(
        Arbitration.ClientKind kind = Arbitration.ClientKind.Perf, bool privileged = true, LinuxHostOptions? options = null)
    {
        var logs = new RecordingLogs();
        // Tests that need real hits say so with [HitsFact]; the others run where breakpoints are accepted and never fire too.
        LinuxHost host = LinuxHost.Start("linux-test", TimeProvider.System, logs, (options ?? LinuxHostOptions.Default) with { AllowSilentHardware = true });
        var rig = new HostRig(host, "s1", logs);
        await host.OpenSessionAsync(new SessionInfo(rig.Session, kind, "host tests", privileged));
        return rig;
    }

    /// <summary>A pinned write watch on the block at <paramref name="offset"/> (default scope: the watched thread).</summary>
    public Task<ReservationView> WatchAsync(int offset, int length = 8, Arbitration.Scope? scope = null, string label = "") =>
        Host.ReserveAsync(Session, Command(offset, length, scope ?? Arbitration.Scope.ForTask(Thread.Tid), label));

    public ReserveCommand Command(int offset, int length, Arbitration.Scope scope, string label = "") =>
        new(scope, new Arbitration.BreakpointSpec(Block.At(offset), length, Arbitration.Access.Write), Pinned: true, Inherit: false, label,
            TimeSpan.Zero);

    public Task WriteAsync(int offset, int times) => Thread.RepeatAsync(times, () => Access.Write64(Block.At(offset), 7));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Thread.Dispose();
        Block.Dispose();
    }
}
