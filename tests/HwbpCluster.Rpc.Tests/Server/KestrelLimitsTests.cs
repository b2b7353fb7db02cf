using System.Net;
using System.Net.Http.Headers;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static HwbpCluster.Rpc.Tests.Infrastructure.InteropMethods;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>Kestrel's HTTP-level limits and protocols must not break gRPC calls.</summary>
public sealed class KestrelLimitsTests
{
    [Fact]
    public async Task Bidi_call_idle_longer_than_the_minimum_data_rate_grace_period_stays_open()
    {
        // A strict rate with the shortest grace period Kestrel allows: an idle request stream would be aborted after ~2 s.
        await using var server = await KestrelGrpcServer.StartAsync(
            kestrelOptions: k => k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100_000, gracePeriod: TimeSpan.FromSeconds(1.1)));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.DuplexStreaming(Bidi);

        await call.RequestStream.WriteAsync(new EchoRequest { Text = "before" });
        Assert.True(await call.ResponseStream.MoveNextAsync());
        await Task.Delay(TimeSpan.FromSeconds(3));
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "after" });
        Assert.True(await call.ResponseStream.MoveNextAsync());

        Assert.Equal("after", call.ResponseStream.Current.Text);
    }

    [Fact]
    public async Task Http1_request_to_a_grpc_method_is_told_to_upgrade()
    {
        await using var server = await KestrelGrpcServer.StartAsync(protocols: HttpProtocols.Http1);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var content = new ByteArrayContent(RawGrpcClient.Frame(0, []));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await client.PostAsync(new Uri(server.Address, "/interop.v1.Interop/Ping"), content);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }
}
