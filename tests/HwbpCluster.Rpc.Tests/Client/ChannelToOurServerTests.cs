using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;
using static HwbpCluster.Rpc.Tests.Infrastructure.InteropMethods;

namespace HwbpCluster.Rpc.Tests.Client;

/// <summary>The channel contract against our own server on Kestrel, port 0.</summary>
public sealed class ChannelToOurServerTests : ChannelContract
{
    private KestrelGrpcServer? server;

    protected override async Task<Uri> StartServerAsync()
    {
        server = await KestrelGrpcServer.StartAsync();
        return server.Address;
    }

    protected override async Task StopServerAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();

            // Every contract scenario is a normal gRPC outcome: none may log an error on the server.
            Assert.Empty(server.ErrorLogs.Errors);
        }
    }

    [Fact]
    public async Task A_stream_refused_trailers_only_has_its_status_once_the_headers_arrived()
    {
        var nope = new Method<EchoRequest, EchoReply>("interop.v1.Interop", "NopeStream", MethodType.ServerStreaming);
        using var call = Channel.ServerStreaming(nope, new EchoRequest());

        await call.ResponseHeadersAsync;

        Assert.True(call.TryGetStatus(out var status));
        Assert.Equal(StatusCode.Unimplemented, status.StatusCode);
    }

    [Fact]
    public async Task A_running_stream_has_no_status_yet_and_gets_it_at_its_end()
    {
        using var call = Channel.ServerStreaming(StreamReplies, new EchoRequest { Text = "live", Count = 3, DelayMs = 20 });

        await call.ResponseHeadersAsync;
        Assert.False(call.TryGetStatus(out _));

        await foreach (var _ in call.ResponseStream.ReadAllAsync())
        {
        }

        Assert.True(call.TryGetStatus(out var status));
        Assert.Equal(StatusCode.OK, status.StatusCode);
    }
}
