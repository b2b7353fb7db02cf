using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;
using ServingStatus = HwbpCluster.Protos.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace HwbpCluster.Client.Tests;

public sealed class HwbpClientTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Health_check_says_the_node_and_its_services_are_serving()
    {
        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync());
        Assert.Equal(ServingStatus.Serving, await client.CheckHealthAsync("hwbp.v1.Arbiter"));
    }

    [Fact]
    public async Task Health_check_of_an_unknown_service_fails_with_not_found()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.CheckHealthAsync("no.such.Service"));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Get_host_shows_every_cpu_of_the_simulated_host()
    {
        var host = await client.GetHostAsync();
        Assert.Equal(("h1", "sim"), (host.Host, host.Backend));
        Assert.Equal(4, host.Cpus.Count);
        Assert.Equal(host, await client.GetHostAsync(new GetHostRequest { Host = "h1" }));
    }

    [Fact]
    public async Task List_members_shows_this_node_up_with_its_host()
    {
        var members = await client.ListMembersAsync();
        var self = Assert.Single(members.Members);
        Assert.Equal(("n1", MemberStatus.Up), (members.Self, self.Status));
        Assert.Contains("h1", self.Hosts);
    }

    [Fact]
    public async Task Raw_session_calls_open_renew_and_close_a_session()
    {
        var opened = await client.OpenSessionAsync(new OpenSessionRequest { ClientName = "raw", ClientKind = ClientKind.Perf, TtlMs = 5000 });
        Assert.Equal(5000u, (await client.KeepAliveAsync(new KeepAliveRequest { SessionId = opened.SessionId })).TtlMs);
        await client.ReserveAsync(new ReserveRequest { SessionId = opened.SessionId, Scope = Scopes.Cpu(0), Breakpoint = Sim.Write(0x1000), Pinned = true });

        var closed = await client.CloseSessionAsync(new CloseSessionRequest { SessionId = opened.SessionId });

        Assert.Equal(1u, closed.Released);
    }

    [Fact]
    public async Task Raw_reservation_calls_reserve_modify_list_and_release()
    {
        var session = (await client.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf })).SessionId;
        var reserved = (await client.ReserveAsync(new ReserveRequest { SessionId = session, Scope = Scopes.Cpu(1), Breakpoint = Sim.Write(0x1000) }))
            .Reservation;
        var modified = (await client.ModifyAsync(new ModifyRequest { SessionId = session, ReservationId = reserved.Id, Breakpoint = Sim.Write(0x2000) }))
            .Reservation;
        Assert.Equal((reserved.Id, 0x2000ul), (modified.Id, modified.Breakpoint.Address));
        Assert.Equal(reserved.Id, Assert.Single(await client.ListReservationsAsync("h1", session)).Id);

        await client.ReleaseAsync(new ReleaseRequest { SessionId = session, ReservationId = reserved.Id });

        Assert.Empty((await client.ListReservationsAsync(new ListReservationsRequest { SessionId = session })).Reservations);
    }

    [Fact]
    public async Task Simulator_calls_spawn_fork_run_access_and_exit_tasks()
    {
        var spawned = await client.SpawnTaskAsync(new SpawnTaskRequest { Tid = 100, Name = "app" });
        var forked = await client.ForkTaskAsync(new ForkTaskRequest { ParentTid = 100, ChildTid = 101 });
        Assert.Equal((100ul, 101ul, 100ul), (spawned.Tid, forked.Tid, forked.ParentTid));
        await client.RunTaskAsync(new RunTaskRequest { Tid = 101, Cpu = 2 });
        var session = (await client.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf })).SessionId;
        var reserved = (await client.ReserveAsync(new ReserveRequest { SessionId = session, Scope = Scopes.Cpu(2), Breakpoint = Sim.Write(0x1000) }))
            .Reservation;

        var hit = Assert.Single(await Sim.WriteAsync(client, 101, 0x1004));

        Assert.Equal((reserved.Id, 2u, 101ul), (hit.ReservationId, hit.Cpu, hit.Tid));
        await client.ExitTaskAsync(new ExitTaskRequest { Tid = 101 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => Sim.WriteAsync(client, 101, 0x1004));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task A_call_on_an_unknown_session_fails_with_not_found_and_the_nodes_detail()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            client.ReserveAsync(new ReserveRequest { SessionId = "n1-nosuch", Scope = Scopes.Cpu(0), Breakpoint = Sim.Write(0x1000) }));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("n1-nosuch", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_of_an_unknown_session_fails_with_not_found_when_read()
    {
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await using var hits = await client.StartWatchHitsAsync(new WatchHitsRequest { SessionId = "n1-nosuch" });
            await foreach (var _ in hits)
            {
            }
        });
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Contains("n1-nosuch", refused.Status.Detail, StringComparison.Ordinal);

        var enumerated = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.WatchReservationsAsync(new WatchReservationsRequest { SessionId = "n1-nosuch" }).ToListAsync());
        Assert.Equal(StatusCode.NotFound, enumerated.StatusCode);
    }

    [Fact]
    public async Task Cancelling_a_watch_ends_its_enumeration_with_operation_cancelled()
    {
        var session = (await client.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf })).SessionId;
        await using var hits = await client.StartWatchHitsAsync(new WatchHitsRequest { SessionId = session });
        using var cancel = new CancellationTokenSource();
        await using var reader = hits.GetAsyncEnumerator(cancel.Token);
        var next = reader.MoveNextAsync().AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        Assert.Throws<InvalidOperationException>(() => hits.GetAsyncEnumerator());
    }

    [Fact]
    public async Task A_call_cancelled_by_its_caller_throws_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetHostAsync(cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_is_unavailable()
    {
        await using var nowhere = HwbpClient.Connect(new Uri("http://127.0.0.1:1"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => nowhere.CheckHealthAsync());
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }
}
