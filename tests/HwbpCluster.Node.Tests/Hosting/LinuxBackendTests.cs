using HwbpCluster.Linux;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using BreakpointSpec = HwbpCluster.Linux.BreakpointSpec;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>--backend linux: this machine's registers through perf_event_open when this process may use them.</summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxBackendTests
{
    [Fact]
    public async Task The_linux_backend_serves_this_machine_or_refuses_to_start_saying_why()
    {
        var support = HardwareBreakpoints.Probe();
        if (!support.IsAvailable)
        {
            var ex = Assert.Throws<NodeStartupException>(() => NodeApp.Build(
                ["--urls", "http://127.0.0.1:0", "--backend", "linux"], s => s.AddSingleton(TextWriter.Null)));
            Assert.StartsWith("--backend linux:", ex.Message, StringComparison.Ordinal);
            return;
        }

        await using var server = await NodeServer.StartAsync("--backend", "linux");
        var client = server.Client();
        var host = await client.CallAsync(Api.GetHost, new GetHostRequest());
        Assert.Equal(("h1", "linux"), (host.Host, host.Backend));
        Assert.NotEmpty(host.Cpus);

        // A real thread of this process, watched at an address nothing writes: admitted, installed, released.
        var session = await client.OpenAsync(ClientKind.Ptrace);
        var reservation = await client.ReserveAsync(session, Proto.Task((ulong)LinuxThreads.CurrentTid()), Proto.Write(0x10_0000));
        Assert.Equal(("h1", ReservationState.Active), (reservation.Host, reservation.State));
        await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });
        Assert.Empty(await client.ListAsync(session));
        await Proto.FailsWith(Grpc.Core.StatusCode.FailedPrecondition, () => client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 1 }));
    }

    [Fact]
    public async Task Slots_the_kernel_gives_to_someone_else_make_a_reservation_unavailable()
    {
        if (!HardwareBreakpoints.Probe().IsAvailable)
        {
            // Covered above: without hardware breakpoints the linux backend does not start.
            return;
        }

        await using var server = await NodeServer.StartAsync("--backend", "linux");
        var client = server.Client();
        var tid = LinuxThreads.CurrentTid();

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
}
