using Grpc.Core;
using HwbpCluster.Node.Sessions;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Auth;

/// <summary>--max-reservations-per-token counts, on the node where the session lives, what it reserves on other nodes' hosts.</summary>
public sealed class ReservationQuotaClusterTests : IAsyncLifetime
{
    private List<NodeServer> nodes = [];

    public async Task InitializeAsync() => nodes = await TwoNodes.StartAsync(["--max-reservations-per-token", "2"], []);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Reservations_on_another_nodes_host_count_against_the_token_where_its_session_lives()
    {
        var on1 = nodes[0].Client();
        var quota = nodes[0].Service<SessionRegistry>().Reservations;
        var session = await on1.OpenAsync();
        var remote = await on1.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), host: "h2");
        await on1.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000), host: "h1");

        var ex = await Proto.FailsWith(StatusCode.ResourceExhausted, () => on1.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000), host: "h2"));
        Assert.Contains("--max-reservations-per-token allows 2", ex.Status.Detail, StringComparison.Ordinal);

        await on1.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = remote.Id });
        Assert.Equal(1, quota.HeldBy("anonymous"));
        await on1.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x1000), host: "h2");

        await on1.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });
        Assert.Equal(0, quota.HeldBy("anonymous"));
        Assert.Empty(await nodes[1].Client().ListAsync());
    }
}
