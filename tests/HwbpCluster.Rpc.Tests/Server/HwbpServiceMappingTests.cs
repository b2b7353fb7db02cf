using System.Net;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using HwbpCluster.Protos.V1;
using HwbpCluster.Rpc.Client;
using HwbpCluster.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Rpc.Tests.Server;

/// <summary>The server API as the node uses it: the real hwbp.v1.Arbiter descriptor, a bound method and an unbound one.</summary>
public sealed class HwbpServiceMappingTests
{
    private static readonly ServiceDescriptor Arbiter = HwbpReflection.Descriptor.FindTypeByName<ServiceDescriptor>("Arbiter");

    [Fact]
    public async Task Arbiter_methods_bound_by_name_are_served_and_the_rest_are_unimplemented()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpcServer();
        await using var app = builder.Build();
        app.MapGrpcService(Arbiter, b => b.Unary<ReserveRequest, ReserveResponse>("Reserve", (request, context) =>
            Task.FromResult(new ReserveResponse { Reservation = new Reservation { Id = "r1", Label = request.Label } })));
        app.MapGrpcUnimplemented();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        await using var channel = GrpcChannel.ForAddress(address);

        var reserved = await channel.UnaryAsync(
            Method<ReserveRequest, ReserveResponse>.FromService(Arbiter, "Reserve"), new ReserveRequest { Label = "watch" });
        var open = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            Method<OpenSessionRequest, OpenSessionResponse>.FromService(Arbiter, "OpenSession"), new OpenSessionRequest()));

        Assert.Equal(("r1", "watch"), (reserved.Reservation.Id, reserved.Reservation.Label));
        Assert.Equal(StatusCode.Unimplemented, open.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void Method_from_descriptor_carries_the_wire_path_and_shape()
    {
        var watch = Method<WatchHitsRequest, HitEvent>.FromService(Arbiter, "WatchHits");

        Assert.Equal("/hwbp.v1.Arbiter/WatchHits", watch.FullName);
        Assert.Equal(MethodType.ServerStreaming, watch.Type);
    }
}
