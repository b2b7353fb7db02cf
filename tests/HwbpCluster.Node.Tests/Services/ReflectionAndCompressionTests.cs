using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>What generic gRPC tools rely on: server reflection lists the API, and gzip-compressed requests are accepted.</summary>
public sealed class ReflectionAndCompressionTests : IAsyncLifetime
{
    private NodeServer server = null!;

    public async Task InitializeAsync() => server = await NodeServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Reflection_lists_every_hwbp_service_and_health()
    {
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        Assert.Superset(
            new HashSet<string> { "hwbp.v1.Arbiter", "hwbp.v1.Simulator", "hwbp.v1.Fleet", "grpc.health.v1.Health" }, names.ToHashSet());
    }

    [Fact]
    public async Task A_gzip_compressed_request_is_accepted()
    {
        var gzip = new Metadata { { "grpc-internal-encoding-request", "gzip" } };
        var arbiter = new Arbiter.ArbiterClient(server.Channel);

        var opened = await arbiter.OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = new string('z', 10_000) }, gzip);

        Assert.StartsWith("n1-", opened.SessionId, StringComparison.Ordinal);
    }
}
