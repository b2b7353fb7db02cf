using Google.Protobuf;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Tests.Infrastructure;
using HwbpCluster.Rpc.Tests.Interop;

namespace HwbpCluster.Rpc.Tests.Client;

public sealed class UnaryCallTests : IAsyncLifetime
{
    private static readonly Method<EchoRequest, EchoReply> Echo = Method<EchoRequest, EchoReply>.FromService(InteropReflection.Descriptor.Services[0], "Echo");
    private static readonly Method<Empty, Empty> Ping = Method<Empty, Empty>.FromService(InteropReflection.Descriptor.Services[0], "Ping");
    private KestrelGrpcServer server = null!;
    private GrpcChannel channel = null!;

    public async Task InitializeAsync()
    {
        server = await KestrelGrpcServer.StartAsync();
        channel = GrpcChannel.ForAddress(server.Address);
    }

    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_echo_returns_the_request_text_and_payload()
    {
        var reply = await channel.UnaryAsync(Echo, new EchoRequest { Text = "héllo", Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal("héllo", reply.Text);
        Assert.Equal([1, 2, 3], reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task Empty_request_and_empty_reply_travel_as_zero_length_frames()
    {
        var reply = await channel.UnaryAsync(Ping, new Empty());

        Assert.Equal(new Empty(), reply);
    }
}
