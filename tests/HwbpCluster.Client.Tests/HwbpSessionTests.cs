using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client.Tests;

public sealed class HwbpSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(3);
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_session_keeps_its_lease_alive_well_past_its_ttl()
    {
        await using var session = await client.OpenSessionAsync("keeper", ClientKind.Perf, Ttl);
        Assert.Equal(Ttl, session.Ttl);

        // Each step fires the SDK's renewal (a third of the TTL) but never the node's lease timer, if renewals arrive.
        for (var i = 0; i < 9; i++)
        {
            await AdvanceToNextRenewalAsync(session);
        }

        var reservation = await session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x1000));
        Assert.Equal(ReservationState.Active, reservation.State);
        Assert.False(session.LeaseLost.IsCancellationRequested);
        Assert.Null(session.LeaseFailure);
    }

    [Fact]
    public async Task A_session_that_stops_renewing_loses_its_lease_on_the_node()
    {
        var raw = await client.OpenSessionAsync(new OpenSessionRequest { ClientKind = ClientKind.Perf, TtlMs = 3000 });
        node.Clock.Advance(Ttl + TimeSpan.FromMilliseconds(1));

        var ex = await Assert.ThrowsAsync<RpcException>(() => client.KeepAliveAsync(new KeepAliveRequest { SessionId = raw.SessionId }));
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
    }

    [Fact]
    public async Task When_renewal_fails_for_good_the_session_says_so_and_stops_renewing()
    {
        await using var session = await client.OpenSessionAsync("doomed", ClientKind.Perf, Ttl);
        await client.CloseSessionAsync(new CloseSessionRequest { SessionId = session.Id });
        var lost = new TaskCompletionSource();
        using var registration = session.LeaseLost.Register(lost.SetResult);

        node.Clock.Advance(Ttl / 3);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.NotFound, session.LeaseFailure?.StatusCode);
    }

    [Fact]
    public async Task A_renewal_that_cannot_reach_the_node_is_retried_at_the_next_tick_while_the_lease_holds()
    {
        using var handler = new FailingCalls("/hwbp.v1.Arbiter/KeepAlive");
        var flaky = node.Connect(handler: handler);
        await using var session = await flaky.OpenSessionAsync("flaky", ClientKind.Perf, Ttl);
        var released = new TaskCompletionSource();
        handler.FailNext(RetryTests.AttemptsPerCall, holdLast: released.Task);

        node.Clock.Advance(Ttl / 3);
        await handler.Failed.WaitAsync(TimeSpan.FromSeconds(10));

        // The next tick comes before the client learns of the failure (the order in which this once failed): the renewal
        // is still tried at that tick, since it comes before the lease runs out.
        await AdvanceToNextRenewalAsync(session, afterAdvance: released.SetResult);
        await AdvanceToNextRenewalAsync(session);
        await AdvanceToNextRenewalAsync(session);

        // Four thirds of the TTL have passed since the open: renewal went on after the failed tick, or the lease would be gone.
        Assert.False(session.LeaseLost.IsCancellationRequested);
        await session.ReserveAsync(Scopes.Cpu(1), Sim.Write(0x1000));
    }

    [Fact]
    public async Task Renewal_that_cannot_reach_the_node_until_the_lease_would_lapse_gives_up_and_says_so()
    {
        using var handler = new FailingCalls("/hwbp.v1.Arbiter/KeepAlive");
        var flaky = node.Connect(handler: handler);
        await using var session = await flaky.OpenSessionAsync("unreachable", ClientKind.Perf, Ttl);
        var lost = new TaskCompletionSource();
        using var registration = session.LeaseLost.Register(lost.SetResult);

        // The first tick's failure leaves a tick before the lease runs out; the second's does not.
        handler.FailNext(RetryTests.AttemptsPerCall);
        node.Clock.Advance(Ttl / 3);
        await handler.Failed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(session.LeaseLost.IsCancellationRequested);
        handler.FailNext(RetryTests.AttemptsPerCall);
        node.Clock.Advance(Ttl / 3);
        await lost.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCode.Unavailable, session.LeaseFailure?.StatusCode);
        Assert.Equal(2 * RetryTests.AttemptsPerCall, handler.Attempts);
    }

    [Fact]
    public async Task Disposing_a_session_releases_every_reservation_it_holds()
    {
        var session = await client.OpenSessionAsync("short-lived", ClientKind.Perf, Ttl);
        await session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x1000));
        await session.ReserveAsync(Scopes.Cpu(1), Sim.Write(0x2000));
        await session.ReserveAsync(Scopes.Cpu(2), Sim.Write(0x3000));
        Assert.Equal(3, (await client.ListReservationsAsync()).Count);

        await session.DisposeAsync();

        Assert.Empty(await client.ListReservationsAsync());
        var host = await client.GetHostAsync();
        Assert.All(host.Cpus, cpu => Assert.Equal(0ul, cpu.Dr7 & 0xff));
    }

    [Fact]
    public async Task Close_reports_how_many_reservations_it_released_and_a_second_close_is_harmless()
    {
        await using var session = await client.OpenSessionAsync("closer", ClientKind.Perf);
        await session.ReserveAsync(Scopes.Cpu(3), Sim.Write(0x1000));

        Assert.Equal(1u, await session.CloseAsync());
        Assert.Equal(0u, await session.CloseAsync());
    }

    [Fact]
    public async Task A_session_reserves_modifies_lists_and_releases()
    {
        await using var session = await client.OpenSessionAsync("editor", ClientKind.Perf, Ttl);
        var reserved = await session.ReserveAsync(new ReserveRequest { Scope = Scopes.Cpu(2), Breakpoint = Sim.Write(0x1000), Label = "mine" });
        Assert.Equal((session.Id, "mine", "h1"), (reserved.SessionId, reserved.Label, reserved.Host));

        var modified = await session.ModifyAsync(reserved.Id, Sim.Write(0x4000, 4));
        Assert.Equal((0x4000ul, 4u), (modified.Breakpoint.Address, modified.Breakpoint.Length));
        Assert.Equal(reserved.Id, Assert.Single(await session.ListReservationsAsync()).Id);

        await session.ReleaseAsync(reserved.Id);
        Assert.Empty(await session.ListReservationsAsync());
    }

    [Fact]
    public async Task A_refused_reservation_surfaces_the_nodes_status()
    {
        await using var session = await client.OpenSessionAsync("greedy", ClientKind.Perf, Ttl);
        for (var i = 0u; i < 4; i++)
        {
            await session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x1000 + (i * 8)));
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => session.ReserveAsync(Scopes.Cpu(0), Sim.Write(0x9000)));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private async Task AdvanceToNextRenewalAsync(HwbpSession session, Action? afterAdvance = null)
    {
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRenewed(object? sender, DateTimeOffset expires) => renewed.TrySetResult();
        session.LeaseRenewed += OnRenewed;
        try
        {
            node.Clock.Advance(Ttl / 3);
            afterAdvance?.Invoke();
            await renewed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            session.LeaseRenewed -= OnRenewed;
        }
    }
}
