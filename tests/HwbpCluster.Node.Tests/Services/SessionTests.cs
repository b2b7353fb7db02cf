using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class SessionTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync("--session-ttl-ms", "1000");
        client = server.Client();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_session_with_no_lease_asked_gets_the_nodes_default_lease()
    {
        var opened = await client.CallAsync(Api.OpenSession, new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = "perf" });
        Assert.StartsWith("n1-", opened.SessionId, StringComparison.Ordinal);
        Assert.Equal(1000u, opened.TtlMs);
    }

    [Fact]
    public async Task A_session_keeps_the_lease_it_asks_for()
    {
        var opened = await client.CallAsync(Api.OpenSession, new OpenSessionRequest { ClientKind = ClientKind.Ptrace, TtlMs = 5000 });
        Assert.Equal(5000u, opened.TtlMs);
        Assert.Equal(5000u, (await client.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = opened.SessionId })).TtlMs);
    }

    [Fact]
    public async Task Keep_alive_renews_the_lease_for_its_whole_length()
    {
        var session = await client.OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            server.Time.Advance(TimeSpan.FromMilliseconds(800));
            await client.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session });
        }

        await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
    }

    [Fact]
    public async Task Closing_a_session_releases_every_reservation_it_holds()
    {
        var session = await client.OpenAsync();
        var other = await client.OpenAsync();
        await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        await client.ReserveAsync(session, Proto.Cpu(1), Proto.Write(0x2000));
        await client.ReserveAsync(other, Proto.Cpu(1), Proto.Write(0x3000));

        var closed = await client.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });

        Assert.Equal(2u, closed.Released);
        Assert.Empty(await client.ListAsync(session));
        Assert.Single(await client.ListAsync(other));
        await Proto.FailsWith(StatusCode.NotFound, () => client.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session }));
    }

    [Fact]
    public async Task When_the_lease_runs_out_its_reservations_are_released_with_reason_lease_expired()
    {
        var session = await client.OpenAsync();
        var reservation = await client.ReserveAsync(session, Proto.Cpu(2), Proto.Write(0x1000));
        using var watch = client.Stream(Api.WatchReservations, new WatchReservationsRequest { SessionId = session });
        await watch.ResponseHeadersAsync;

        server.Time.Advance(TimeSpan.FromMilliseconds(1001));

        var expired = await Scenario.ReadUntilAsync(watch.ResponseStream, e => e.Reason == "lease-expired");
        Assert.Equal(reservation.Id, expired.Reservation.Id);
        Assert.Equal(ReservationState.Released, expired.Reservation.State);
        while (await watch.ResponseStream.MoveNext())
        {
        }

        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
        Assert.Empty(await client.ListAsync(session));
        var host = await client.CallAsync(Api.GetHost, new GetHostRequest());
        Assert.All(host.Cpus[2].Slots, s => Assert.Equal(string.Empty, s.ReservationId));
    }

    [Fact]
    public async Task A_call_on_an_expired_session_fails_its_precondition()
    {
        var session = await client.OpenAsync();
        server.Time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Proto.FailsWith(
            StatusCode.FailedPrecondition, () => client.CallAsync(Api.KeepAlive, new KeepAliveRequest { SessionId = session }));
        Assert.Contains("lease", ex.Status.Detail, StringComparison.Ordinal);
        await Proto.FailsWith(StatusCode.FailedPrecondition, () => client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000)));
    }

    [Fact]
    public async Task A_call_on_an_unknown_session_is_not_found_and_one_without_a_session_is_invalid()
    {
        await Proto.FailsWith(StatusCode.NotFound, () => client.ReserveAsync("n1-nosuch", Proto.Cpu(0), Proto.Write(0x1000)));
        var ex = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.ReserveAsync("", Proto.Cpu(0), Proto.Write(0x1000)));
        Assert.StartsWith("session_id:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_session_of_no_kind_is_an_invalid_argument_naming_client_kind()
    {
        var ex = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.CallAsync(Api.OpenSession, new OpenSessionRequest()));
        Assert.StartsWith("client_kind:", ex.Status.Detail, StringComparison.Ordinal);
    }
}
