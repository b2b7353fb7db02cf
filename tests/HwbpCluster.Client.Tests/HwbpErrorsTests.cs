using HwbpCluster.Client.Tests.Support;
using Grpc.Core;

namespace HwbpCluster.Client.Tests;

public sealed class HwbpErrorsTests
{
    [Fact]
    public async Task A_call_to_a_closed_port_is_unreachable()
    {
        await using var client = HwbpClient.Connect(new Uri("http://127.0.0.1:1"));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CheckHealthAsync());

        Assert.True(HwbpErrors.IsUnreachable(ex), ex.ToString());
    }

    [Fact]
    public async Task A_call_to_several_closed_ports_is_unreachable()
    {
        await using var client = HwbpClient.Connect([new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:2")]);

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CheckHealthAsync());

        Assert.True(HwbpErrors.IsUnreachable(ex), ex.ToString());
    }

    [Fact]
    public async Task An_error_the_node_answered_with_is_not_unreachable()
    {
        await using var node = await TestNode.StartAsync();
        var client = node.Connect();

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ExitTaskAsync(999));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.False(HwbpErrors.IsUnreachable(ex));
    }

    [Fact]
    public void An_unavailable_status_without_a_transport_failure_is_not_unreachable()
    {
        Assert.False(HwbpErrors.IsUnreachable(new RpcException(new Status(StatusCode.Unavailable, "backend refused"))));
    }
}
