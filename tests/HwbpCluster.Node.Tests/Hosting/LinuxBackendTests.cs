using System.Diagnostics;
using System.Runtime.InteropServices;
using HwbpCluster.Linux;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using BreakpointSpec = HwbpCluster.Linux.BreakpointSpec;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>--backend linux: this machine's registers through perf_event_open when this process may use them.</summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxBackendTests
{
    [HitsFact]
    public async Task Where_breakpoints_fire_the_linux_backend_starts_without_warnings_and_serves_this_machine()
    {
        await using var server = await NodeServer.StartAsync("--backend", "linux");
        var client = server.Client();

        var host = await ReserveAndReleaseAsync(client);

        Assert.Empty(host.Warnings);
    }

    [HardwareFact]
    public async Task With_allow_silent_hardware_the_linux_backend_starts_and_warns_exactly_when_breakpoints_never_fire()
    {
        var probe = HardwareBreakpoints.Probe();
        await using var server = await NodeServer.StartAsync("--backend", "linux", "--allow-silent-hardware");
        var client = server.Client();

        var host = await ReserveAndReleaseAsync(client);

        Assert.Equal(probe.Fires ? [] : [probe.Reason], host.Warnings);
        Assert.Equal(!probe.Fires, server.Banner.Contains("WARNING h1: ", StringComparison.Ordinal));
    }

    [SilentHardwareFact]
    public void Where_breakpoints_never_fire_the_linux_backend_refuses_to_start_and_suggests_the_simulator()
    {
        var ex = Assert.Throws<NodeStartupException>(() => NodeApp.Build(["--urls", "http://127.0.0.1:0", "--backend", "linux"]));

        Assert.StartsWith("--backend linux: hardware breakpoints are accepted but never fire here", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--backend sim", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-silent-hardware", ex.Message, StringComparison.Ordinal);
    }

    [SilentHardwareFact]
    public async Task Where_breakpoints_never_fire_the_executable_exits_2_with_one_line_that_says_so()
    {
        await using var node = NodeProcess.Start(["--backend", "linux", "--urls", "http://127.0.0.1:0"]);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await node.WaitForExitAsync(bound.Token);

        Assert.Equal(2, node.ExitCode);
        var line = Assert.Single(node.Error, l => l.Length > 0);
        Assert.StartsWith("hwbp-node: --backend linux: hardware breakpoints are accepted but never fire here", line, StringComparison.Ordinal);
        Assert.Contains("--backend sim", line, StringComparison.Ordinal);
    }

    [HardwareFact]
    public async Task Slots_the_kernel_gives_to_someone_else_make_a_reservation_unavailable()
    {
        await using var server = await NodeServer.StartAsync("--backend", "linux", "--allow-silent-hardware");
        var client = server.Client();
        using var thread = new ParkedThread();
        var tid = thread.Tid;

        // Four breakpoints opened straight through perf_event_open, outside HwbpCluster's accounting, fill the thread's slots.
        var outside = Enumerable.Range(0, 4).Select(i => PerfBreakpoint.Open(
            BreakpointTarget.Task(tid), new BreakpointSpec(0x20_0000 + ((ulong)i * 8), 8, BreakpointAccess.Write),
            new PerfBreakpointOptions { CountOnly = true })).ToArray();
        try
        {
            var session = await client.OpenAsync(ClientKind.Ptrace);
            var ex = await Proto.FailsWith(
                Grpc.Core.StatusCode.Unavailable, () => client.ReserveAsync(session, Proto.Task((ulong)tid), Proto.Write(0x10_0000)));
            Assert.False(string.IsNullOrWhiteSpace(ex.Status.Detail));
            Assert.Empty(await client.ListAsync(session));
        }
        finally
        {
            foreach (var breakpoint in outside)
            {
                breakpoint.Dispose();
            }
        }
    }

    [HardwareFact]
    public async Task Six_flexible_reservations_on_a_real_thread_are_multiplexed_and_report_their_times_over_the_wire()
    {
        var listed = await SixFlexibleAfter240msAsync();

        Assert.Equal(6, listed.Count);
        Assert.All(listed, r => Assert.Equal(ReservationState.Multiplexed, r.State));

        // Four slots for six, in turns of one 4 ms slice: each held 40 of the 60 slices, and the six shares add up to the four slots' time.
        Assert.All(listed, r => Assert.Equal((240_000_000UL, 160_000_000UL), (r.TimeEnabledNs, r.TimeRunningNs)));
        Assert.All(listed, r => Assert.Equal((ulong)Math.Round(r.Hits * 1.5), r.ScaledHits));
    }

    [HardwareFact]
    public async Task A_symbol_sent_over_the_wire_is_looked_up_in_the_tasks_process_and_the_reservation_shows_its_address_and_size()
    {
        await using var server = await NodeServer.StartAsync("--backend", "linux", "--allow-silent-hardware");
        var client = server.Client();
        using var thread = new ParkedThread();
        var session = await client.OpenAsync(ClientKind.Ptrace);
        // libc's environ: an 8-byte variable in every process, at the address the dynamic linker gives this one.
        var environ = (ulong)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");

        var reserved = await client.ReserveAsync(session, Proto.Task((ulong)thread.Tid), new Breakpoint { Access = Access.Write, Symbol = "environ" });
        var missing = await Proto.FailsWith(Grpc.Core.StatusCode.FailedPrecondition,
            () => client.ReserveAsync(session, Proto.Task((ulong)thread.Tid), new Breakpoint { Access = Access.Write, Symbol = "no_such_symbol_here" }));

        Assert.Equal((environ, 8u, ""), (reserved.Breakpoint.Address, reserved.Breakpoint.Length, reserved.Breakpoint.Symbol));
        Assert.Contains("no_such_symbol_here", missing.Status.Detail, StringComparison.Ordinal);
        Assert.Single(await client.ListAsync(session));
    }

    [HardwareFact]
    public async Task A_process_reservation_by_symbol_is_looked_up_in_that_process_at_its_own_load_address()
    {
        await using var server = await NodeServer.StartAsync("--backend", "linux", "--allow-silent-hardware");
        var client = server.Client();
        using var other = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            var session = await client.OpenAsync(ClientKind.Ptrace);
            // Both processes map the same libc, each at its own base: environ sits at the same offset from it in each.
            var ours = (ulong)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");
            var expected = LibcBase(other.Id) + (ours - LibcBase(Environment.ProcessId));

            var reserved = await client.ReserveAsync(session, new Scope { Process = new ProcessTarget { Pid = (ulong)other.Id } },
                new Breakpoint { Access = Access.Write, Symbol = "environ" });

            Assert.Equal((Scope.TargetOneofCase.Process, expected, 8u),
                (reserved.Scope.TargetCase, reserved.Breakpoint.Address, reserved.Breakpoint.Length));
        }
        finally
        {
            other.Kill();
        }
    }

    [HardwareFact]
    public async Task The_flexible_slice_is_the_nodes_switch()
    {
        // One turn lasts a second here: in 240 ms the first four keep their slots and the other two wait.
        var listed = await SixFlexibleAfter240msAsync("--flexible-slice-ms", "1000");

        Assert.Equal([0UL, 0UL, 240_000_000UL, 240_000_000UL, 240_000_000UL, 240_000_000UL], listed.Select(r => r.TimeRunningNs).Order());
    }

    // Six flexible write watches on a real thread, then sixty 4 ms ticks of the node's clock (the test's).
    private static async Task<IReadOnlyList<Reservation>> SixFlexibleAfter240msAsync(params string[] switches)
    {
        await using var server = await NodeServer.StartAsync(["--backend", "linux", "--allow-silent-hardware", .. switches]);
        var client = server.Client();
        using var thread = new ParkedThread();
        var session = await client.OpenAsync(ClientKind.Perf);
        for (ulong i = 0; i < 6; i++)
        {
            await client.CallAsync(Api.Reserve, new ReserveRequest
            {
                SessionId = session, Scope = Proto.Task((ulong)thread.Tid), Breakpoint = Proto.Write(0x10_0000 + (i * 8)), Pinned = false,
            });
        }

        for (int tick = 0; tick < 60; tick++)
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(4));
        }

        return await client.ListAsync(session);
    }

    // The start of the process's first mapping of libc.so.6 (file offset 0): where the library is loaded.
    private static ulong LibcBase(int pid) => File.ReadLines($"/proc/{pid}/maps")
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Where(f => f.Length >= 6 && f[2] == "00000000" && Path.GetFileName(f[5]) == "libc.so.6")
        .Select(f => ulong.Parse(f[0].Split('-')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture))
        .First();

    // A real thread of this process, watched at an address nothing writes: admitted, installed, released.
    private static async Task<HostState> ReserveAndReleaseAsync(NodeClient client)
    {
        var host = await client.CallAsync(Api.GetHost, new GetHostRequest());
        Assert.Equal(("h1", "linux"), (host.Host, host.Backend));
        Assert.NotEmpty(host.Cpus);

        using var thread = new ParkedThread();
        var session = await client.OpenAsync(ClientKind.Ptrace);
        var reservation = await client.ReserveAsync(session, Proto.Task((ulong)thread.Tid), Proto.Write(0x10_0000));
        Assert.Equal(("h1", ReservationState.Active), (reservation.Host, reservation.State));
        await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });
        Assert.Empty(await client.ListAsync(session));
        await Proto.FailsWith(Grpc.Core.StatusCode.FailedPrecondition, () => client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 1 }));
        return host;
    }
}
