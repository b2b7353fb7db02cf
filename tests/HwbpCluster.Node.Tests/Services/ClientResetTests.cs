using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>A client that resets its streams or gives up on its calls is normal traffic: no error-level log lines, no stack traces.</summary>
public sealed class ClientResetTests
{
    [Fact]
    public async Task Streams_and_calls_the_client_resets_are_not_logged_as_node_failures()
    {
        var logs = new LogRecorder();
        await using var server = await NodeServer.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs));
        var client = server.Client();
        var session = await client.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await client.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000 + ((ulong)i * 8)));
        }

        for (var round = 0; round < 20; round++)
        {
            // A watch stream reset by the client (RST_STREAM CANCEL) while the node waits to send it events.
            using var watchCancel = new CancellationTokenSource();
            using var watch = client.Stream(Api.WatchHits, new WatchHitsRequest { SessionId = session }, watchCancel.Token);
            await watch.ResponseHeadersAsync;
            await watchCancel.CancelAsync();
            await Assert.ThrowsAnyAsync<RpcException>(() => watch.ResponseStream.MoveNext());

            // A reservation watch reset while the node is writing it events.
            using var busyCancel = new CancellationTokenSource();
            using var busy = client.Stream(Api.WatchReservations, new WatchReservationsRequest { SessionId = session }, busyCancel.Token);
            await busy.ResponseHeadersAsync;
            var writing = ChurnAsync(client, session);
            await Task.Delay(5);
            await busyCancel.CancelAsync();
            await writing;

            // A queued Reserve the client stops waiting for.
            using var waitCancel = new CancellationTokenSource();
            var waiting = client.CallAsync(
                Api.Reserve,
                new ReserveRequest { SessionId = session, Scope = Proto.Cpu(1), Breakpoint = Proto.Write(0x9000), Pinned = true, WaitMs = 60_000 },
                waitCancel.Token);
            await Task.Delay(10);
            await waitCancel.CancelAsync();
            await Assert.ThrowsAnyAsync<RpcException>(() => waiting);

            // A request whose body the client abandons half-sent, resetting the stream.
            await RawGrpc.ResetMidRequestAsync(server.Address, "/hwbp.v1.Arbiter/Reserve", [0, 0, 0, 0, 40, 0x0a, 0x03]);
        }

        // The node still serves, and nothing the clients did reads as a failure of the node.
        Assert.Equal("h1", (await client.CallAsync(Api.GetHost, new GetHostRequest())).Host);
        await Task.Delay(200);
        Assert.Contains(logs.Entries, e => e.Category.EndsWith("NodeBanner", StringComparison.Ordinal)); // the recorder hears the node
        var loud = logs.Entries.Where(e => e.Level >= LogLevel.Error || (e.Level >= LogLevel.Warning && e.Exception is not null)).ToList();
        Assert.True(loud.Count == 0, string.Join(Environment.NewLine, loud.Take(5)));
    }

    private static async Task ChurnAsync(NodeClient client, string session)
    {
        for (var i = 0; i < 20; i++)
        {
            var reservation = await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x4000));
            await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });
        }
    }
}
