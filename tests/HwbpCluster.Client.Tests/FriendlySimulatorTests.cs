using Grpc.Core;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client.Tests;

/// <summary>The simulator's friendly calls: no request messages, and a spawn that can run twice.</summary>
public sealed class FriendlySimulatorTests : IAsyncLifetime
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
    public async Task Spawning_the_same_tid_twice_succeeds_both_times()
    {
        var first = await client.SpawnTaskAsync(42, "app");
        var second = await client.SpawnTaskAsync(42, "app");

        Assert.Equal((first.Host, first.Tid, first.Name), (second.Host, second.Tid, second.Name));
        Assert.Equal(("h1", 42ul, "app"), (first.Host, first.Tid, first.Name));

        // One task, not two: the raw call still refuses a taken tid.
        var raw = await Assert.ThrowsAsync<RpcException>(() => client.SpawnTaskAsync(new SpawnTaskRequest { Tid = 42, Name = "app" }));
        Assert.Equal(StatusCode.FailedPrecondition, raw.StatusCode);
    }

    [Fact]
    public async Task Spawning_tid_0_makes_a_new_task_each_time()
    {
        var first = await client.SpawnTaskAsync(0, "worker");
        var second = await client.SpawnTaskAsync(0, "worker");

        Assert.NotEqual(first.Tid, second.Tid);
    }

    [Fact]
    public async Task Spawning_on_an_unknown_host_is_still_an_error()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.SpawnTaskAsync(42, "app", "no-such-host"));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Run_access_fork_and_exit_drive_a_task_and_report_its_hits()
    {
        await client.SpawnTaskAsync(42, "app");
        await client.RunTaskAsync(42, 2);
        await using var session = await client.OpenSessionAsync("friendly", ClientKind.Ptrace);
        var reservation = await session.ReserveAsync(
            new ReserveRequest { Scope = Scopes.Task(42), Breakpoint = Sim.Write(0x1000), Pinned = true, Inherit = true });

        var hit = Assert.Single(await client.AccessAsync(42, 0x1004, 4, Access.Write, ip: 0x401000));
        Assert.Equal((reservation.Id, 2u, 0x1004ul, 0x401000ul), (hit.ReservationId, hit.Cpu, hit.Address, hit.Ip));

        var child = await client.ForkTaskAsync(42, 43);
        Assert.Equal((43ul, 42ul), (child.Tid, child.ParentTid));
        Assert.Equal(2, (await session.ListReservationsAsync()).Count);

        await client.ExitTaskAsync(43);
        await client.RunTaskAsync(0, 2);
        Assert.Single(await session.ListReservationsAsync());
        Assert.Equal(0ul, (await client.GetHostAsync()).Cpus[2].RunningTid);
    }
}
