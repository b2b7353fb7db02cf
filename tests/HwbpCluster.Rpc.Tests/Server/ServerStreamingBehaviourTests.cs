using System.Net.Security;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;
using static HwbpCluster.Rpc.Tests.Infrastructure.InteropMethods;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>Streams that end in errors, calls that end while the client still writes, and TLS.</summary>
public sealed class ServerStreamingBehaviourTests
{
    [Fact]
    public async Task Stream_that_fails_after_some_messages_delivers_them_then_the_status_in_trailers()
    {
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.ServerStreaming<EchoRequest, EchoReply>(
            "Stream",
            async (request, writer, context) =>
            {
                await writer.WriteAsync(new EchoReply { Index = 0 });
                await writer.WriteAsync(new EchoReply { Index = 1 });
                throw new RpcException(StatusCode.Aborted, "stopped", new Metadata().Add("x-at", "2"));
            }));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.ServerStreaming(StreamReplies, new EchoRequest());

        Assert.True(await call.ResponseStream.MoveNextAsync());
        Assert.True(await call.ResponseStream.MoveNextAsync());
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNextAsync());

        Assert.Equal(new Status(StatusCode.Aborted, "stopped"), ex.Status);
        Assert.Equal("2", ex.Trailers.GetValue("x-at"));
        Assert.Equal(ex.Status, call.GetStatus());
    }

    [Fact]
    public async Task Write_after_the_server_ended_the_call_surfaces_the_server_status()
    {
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.DuplexStreaming<EchoRequest, EchoReply>(
            "Bidi", (requests, writer, context) => throw new RpcException(StatusCode.PermissionDenied, "not yours")));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.DuplexStreaming(Bidi);

        var read = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNextAsync());
        var write = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));

        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
    }

    [Fact]
    public async Task Duplex_handler_may_read_every_request_before_its_only_reply()
    {
        await using var server = await KestrelGrpcServer.StartAsync(bind: _ => binder => binder.DuplexStreaming<EchoRequest, EchoReply>(
            "Bidi",
            async (requests, writer, context) =>
            {
                var texts = await requests.ReadAllAsync(context.CancellationToken).Select(r => r.Text).ToListAsync(context.CancellationToken);
                await writer.WriteAsync(new EchoReply { Text = string.Join("+", texts) });
            }));
        await using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.DuplexStreaming(Bidi);

        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseStream.ReadAllAsync().SingleAsync();

        Assert.Equal("a+b+c", reply.Text);
    }

    [Fact]
    public async Task Calls_work_over_tls_with_alpn_h2()
    {
        using var certificate = TestCertificate.Create();
        await using var server = await KestrelGrpcServer.StartAsync(certificate: certificate);
        var options = new GrpcChannelOptions
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
            },
        };
        await using var channel = GrpcChannel.ForAddress(server.Address, options);

        var reply = await channel.UnaryAsync(Echo, new EchoRequest { Text = "secure" });

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal("secure", reply.Text);
    }

    [Fact]
    public async Task Call_to_a_port_nobody_listens_on_is_unavailable()
    {
        var port = FreePort();
        await using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(Echo, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
