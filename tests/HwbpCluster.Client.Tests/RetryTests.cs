using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Client.Tests;

/// <summary>The channel's policies: safe calls are retried on UNAVAILABLE, Reserve never is, and several nodes fail over in order.</summary>
public sealed class RetryTests : IAsyncLifetime
{
    /// <summary>The retry policy's attempts per call, the first included.</summary>
    public const int AttemptsPerCall = 3;

    private TestNode node = null!;

    public async Task InitializeAsync() => node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_read_that_cannot_reach_the_node_is_retried_until_it_can()
    {
        using var handler = new FailingCalls("/hwbp.v1.Arbiter/GetHost");
        var client = node.Connect(handler: handler);
        handler.FailNext(AttemptsPerCall - 1);

        var host = await client.GetHostAsync();

        Assert.Equal("h1", host.Host);
        Assert.Equal(AttemptsPerCall, handler.Attempts);
    }

    // The retry policy names its services as literals (reading the descriptors cost the CLI's start-up): each one must match.
    [Theory]
    [InlineData("/grpc.health.v1.Health/Check")]
    [InlineData("/hwbp.v1.Fleet/ListMembers")]
    [InlineData("/hwbp.v1.Arbiter/ListReservations")]
    public async Task Every_service_the_retry_policy_names_is_retried(string path)
    {
        using var handler = new FailingCalls(path);
        var client = node.Connect(handler: handler);
        handler.FailNext(AttemptsPerCall - 1);

        _ = path switch
        {
            "/grpc.health.v1.Health/Check" => (object)await client.CheckHealthAsync(),
            "/hwbp.v1.Fleet/ListMembers" => await client.ListMembersAsync(),
            _ => await client.ListReservationsAsync(),
        };

        Assert.Equal(AttemptsPerCall, handler.Attempts);
    }

    [Fact]
    public async Task A_read_gives_up_as_unavailable_after_the_policys_attempts()
    {
        using var handler = new FailingCalls("/hwbp.v1.Arbiter/ListReservations");
        var client = node.Connect(handler: handler);
        handler.FailNext(AttemptsPerCall + 1);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ListReservationsAsync());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(AttemptsPerCall, handler.Attempts);
    }

    [Fact]
    public async Task Reserve_is_never_retried()
    {
        using var handler = new FailingCalls("/hwbp.v1.Arbiter/Reserve");
        var client = node.Connect(handler: handler);
        await using var session = await client.OpenSessionAsync("once", ClientKind.Perf);
        handler.FailNext(1);

        var ex = await Assert.ThrowsAsync<RpcException>(() => session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x1000)));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(1, handler.Attempts);
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Several_nodes_are_tried_in_order_until_one_answers()
    {
        await using var client = HwbpClient.Connect([new Uri("http://127.0.0.1:1"), node.Address]);

        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync());
        Assert.Equal(new Uri("http://127.0.0.1:1"), client.Address);
        Assert.Equal(2, client.Addresses.Count);
    }

    [Fact]
    public async Task When_the_node_in_use_stops_safe_calls_fail_over_to_the_next()
    {
        var second = await TestNode.StartAsync("--node-name", "n2");
        try
        {
            await using var client = HwbpClient.Connect([node.Address, second.Address]);
            Assert.Equal("n1", (await client.ListMembersAsync()).Self);

            await node.App.StopAsync();

            Assert.Equal("n2", (await client.ListMembersAsync()).Self);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public void Addresses_must_share_one_scheme_and_be_http_or_https()
    {
        Assert.Throws<ArgumentException>(() => HwbpClient.Connect([new Uri("http://127.0.0.1:1"), new Uri("https://127.0.0.1:2")]));
        Assert.Throws<ArgumentException>(() => HwbpClient.Connect(new Uri("ftp://127.0.0.1:1")));
        Assert.Throws<ArgumentException>(() => HwbpClient.Connect(Array.Empty<Uri>()));
    }
}
