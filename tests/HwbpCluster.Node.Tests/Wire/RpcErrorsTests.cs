using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Tests.Wire;

public sealed class RpcErrorsTests
{
    [Theory]
    [InlineData(HostError.InvalidArgument, StatusCode.InvalidArgument)]
    [InlineData(HostError.NoRoom, StatusCode.ResourceExhausted)]
    [InlineData(HostError.Unavailable, StatusCode.Unavailable)]
    [InlineData(HostError.NotFound, StatusCode.NotFound)]
    [InlineData(HostError.PermissionDenied, StatusCode.PermissionDenied)]
    [InlineData(HostError.FailedPrecondition, StatusCode.FailedPrecondition)]
    [InlineData(HostError.BackendRefused, StatusCode.Unavailable)]
    [InlineData(HostError.WaitExpired, StatusCode.ResourceExhausted)]
    [InlineData(HostError.Unreachable, StatusCode.Unavailable)]
    public void Each_host_error_leaves_the_node_as_its_status_code_with_the_hosts_message(HostError error, StatusCode code)
    {
        var ex = RpcErrors.FromHost(new HostException(error, "cpu 0: 4 of 4 slots held by perf s-1"));
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal("cpu 0: 4 of 4 slots held by perf s-1", ex.Status.Detail);
    }

    [Fact]
    public void Host_errors_share_a_status_code_only_where_clients_must_react_alike()
    {
        // A backend refusing what the accounting admitted, a host taken out after a failure and a host on an unreachable node
        // are all UNAVAILABLE (try elsewhere or later); no room now and no room within the wait are both RESOURCE_EXHAUSTED
        // (DEADLINE_EXCEEDED is the call's own deadline). Every other host error has a code of its own, and none is UNKNOWN.
        var shared = Enum.GetValues<HostError>().GroupBy(RpcErrors.CodeOf).Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Order());
        Assert.Equal([StatusCode.ResourceExhausted, StatusCode.Unavailable], shared.Keys.Order());
        Assert.Equal([HostError.BackendRefused, HostError.Unavailable, HostError.Unreachable], shared[StatusCode.Unavailable]);
        Assert.Equal([HostError.NoRoom, HostError.WaitExpired], shared[StatusCode.ResourceExhausted]);
        Assert.DoesNotContain(StatusCode.Unknown, Enum.GetValues<HostError>().Select(RpcErrors.CodeOf));
    }

    [Fact]
    public void A_long_message_is_cut_to_the_limit_keeping_its_code_and_trailers()
    {
        var trailers = new Metadata { { "x-why", "because" } };
        var clipped = RpcErrors.Clipped(new RpcException(new Status(StatusCode.NotFound, "host: " + new string('h', 20_000)), trailers));

        Assert.Equal(StatusCode.NotFound, clipped.StatusCode);
        Assert.Equal(RpcErrors.MaxDetailLength, clipped.Status.Detail.Length);
        Assert.StartsWith("host: hhh", clipped.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("because", clipped.Trailers.GetValue("x-why"));
    }

    [Fact]
    public void A_short_message_is_left_as_it_is()
    {
        var exception = new RpcException(new Status(StatusCode.NotFound, "host: h9"));
        Assert.Same(exception, RpcErrors.Clipped(exception));
    }
}
