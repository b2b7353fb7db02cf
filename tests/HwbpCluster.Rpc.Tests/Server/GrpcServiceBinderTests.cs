using HwbpCluster.Rpc.Server;
using HwbpCluster.Rpc.Tests.Interop;
using Microsoft.AspNetCore.Builder;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>Binding handlers checks names, message types and method shapes against the descriptor at startup.</summary>
public sealed class GrpcServiceBinderTests
{
    [Fact]
    public void Binding_a_name_the_service_lacks_fails_at_startup() =>
        Assert.Throws<ArgumentException>(() => Map(b => b.Unary<EchoRequest, EchoReply>("Nope", (r, _) => Task.FromResult(new EchoReply()))));

    [Fact]
    public void Binding_with_other_message_types_fails_at_startup() =>
        Assert.Throws<ArgumentException>(() => Map(b => b.Unary<Empty, Empty>("Echo", (r, _) => Task.FromResult(r))));

    [Fact]
    public void Binding_a_streaming_method_as_unary_fails_at_startup() =>
        Assert.Throws<ArgumentException>(() => Map(b => b.Unary<EchoRequest, EchoReply>("Bidi", (r, _) => Task.FromResult(new EchoReply()))));

    [Fact]
    public void Binding_a_method_twice_fails_at_startup() =>
        Assert.Throws<ArgumentException>(() => Map(b => b
            .Unary<Empty, Empty>("Ping", (r, _) => Task.FromResult(r))
            .Unary<Empty, Empty>("Ping", (r, _) => Task.FromResult(r))));

    private static void Map(Action<GrpcServiceBinder> bind)
    {
        using var app = WebApplication.CreateSlimBuilder().Build();
        app.MapGrpcService(InteropReflection.Descriptor.Services[0], bind);
    }
}
