using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.Health.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Node.Tests.Services;

public sealed class HealthTests : IAsyncLifetime
{
    private NodeServer server = null!;

    public async Task InitializeAsync() => server = await NodeServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("hwbp.v1.Arbiter")]
    public async Task The_node_and_the_arbiter_are_serving(string service)
    {
        var response = await server.Client().CallAsync(Api.HealthCheck, new HealthCheckRequest { Service = service });
        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task An_unknown_service_is_not_found() =>
        await Proto.FailsWith(
            StatusCode.NotFound, () => server.Client().CallAsync(Api.HealthCheck, new HealthCheckRequest { Service = "no.Such" }));

    [Fact]
    public async Task A_health_watch_says_serving_first_and_not_serving_when_the_node_stops()
    {
        using var watch = server.Client().Stream(Api.HealthWatch, new HealthCheckRequest());
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var stopping = server.App.StopAsync();
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(ServingStatus.NotServing, watch.ResponseStream.Current.Status);
        await stopping;
    }

    [Fact]
    public async Task Methods_the_node_does_not_serve_are_unimplemented()
    {
        var method = new Method<HealthCheckRequest, HealthCheckResponse>(
            MethodType.Unary, "hwbp.v1.Nothing", "Check", Api.HealthCheck.RequestMarshaller, Api.HealthCheck.ResponseMarshaller);
        await Proto.FailsWith(StatusCode.Unimplemented, () => server.Client().CallAsync(method, new HealthCheckRequest()));
    }
}
