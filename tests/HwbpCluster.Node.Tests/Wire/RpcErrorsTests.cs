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
    public void Every_host_error_has_a_status_code_of_its_own_except_the_two_kinds_of_unavailable()
    {
        // A backend refusing what the accounting admitted, a host taken out after a failure and a host on an unreachable node
        // are all UNAVAILABLE; every other host error has a code of its own, and none is UNKNOWN.
        var shared = Enum.GetValues<HostError>().GroupBy(RpcErrors.CodeOf).Where(g => g.Count() > 1).ToList();
        var unavailable = Assert.Single(shared);
        Assert.Equal(StatusCode.Unavailable, unavailable.Key);
        Assert.Equal([HostError.BackendRefused, HostError.Unavailable, HostError.Unreachable], unavailable.Order());
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
