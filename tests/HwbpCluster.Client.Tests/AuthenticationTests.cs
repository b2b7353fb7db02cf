using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Client.Tests;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private readonly string tokensFile = Path.Combine(Path.GetTempPath(), $"hwbp-sdk-tokens-{Guid.NewGuid():N}.json");
    private TestNode node = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(tokensFile, """{"tokens": [{"token": "perf-secret", "name": "ci-perf", "kinds": ["PERF", "SIM"]}]}""");
        node = await TestNode.StartAsync("--auth-tokens-file", tokensFile);
    }

    public async Task DisposeAsync()
    {
        await node.DisposeAsync();
        File.Delete(tokensFile);
    }

    [Fact]
    public async Task The_bearer_token_of_the_options_goes_with_every_call()
    {
        var client = node.Connect("perf-secret");
        await Sim.RunTaskAsync(client, 5, 0);
        await using var session = await client.OpenSessionAsync("authorised", ClientKind.Perf);
        await session.ReserveAsync(Scopes.Task(5), Sim.Write(0x1000));
        Assert.Single(await session.ListReservationsAsync());
    }

    [Fact]
    public async Task Without_a_token_calls_are_unauthenticated_but_health_answers()
    {
        var client = node.Connect();
        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync());
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.OpenSessionAsync("anonymous", ClientKind.Perf));
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task A_token_may_not_open_a_kind_it_was_not_given()
    {
        var client = node.Connect("perf-secret");
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.OpenSessionAsync("debugger", ClientKind.Kgdb));
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}
