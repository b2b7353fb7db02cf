using HwbpCluster.Linux;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.DependencyInjection;

namespace HwbpCluster.Node.Tests.Hosting;

/// <summary>--backend linux: this machine's registers through perf_event_open when this process may use them.</summary>
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
        await Proto.FailsWith(Rpc.StatusCode.FailedPrecondition, () => client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 1 }));
    }
}
