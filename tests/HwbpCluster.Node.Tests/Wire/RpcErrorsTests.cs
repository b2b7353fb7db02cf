using Grpc.Core;
using HwbpCluster.Hosts;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Tests.Wire;

public sealed class RpcErrorsTests
{
    [Theory]
    [InlineData(HostError.InvalidArgument, StatusCode.InvalidArgument)]
    [InlineData(HostError.NoRoom, StatusCode.ResourceExhausted)]
    [InlineData(HostError.NotFound, StatusCode.NotFound)]
    [InlineData(HostError.PermissionDenied, StatusCode.PermissionDenied)]
    [InlineData(HostError.FailedPrecondition, StatusCode.FailedPrecondition)]
    [InlineData(HostError.BackendRefused, StatusCode.Unavailable)]
    [InlineData(HostError.WaitExpired, StatusCode.DeadlineExceeded)]
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
        var shared = Enum.GetValues<HostError>().GroupBy(RpcErrors.CodeOf).Where(g => g.Count() > 1).ToList();
        var unavailable = Assert.Single(shared);
        Assert.Equal(StatusCode.Unavailable, unavailable.Key);
        Assert.Equal([HostError.BackendRefused, HostError.Unreachable], unavailable.Order());
    }
}
