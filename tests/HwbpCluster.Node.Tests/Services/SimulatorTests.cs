using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class SimulatorTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync();
        client = server.Client();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Spawn_gives_the_task_asked_for_or_allocates_one()
    {
        var named = await client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 100, Name = "worker" });
        Assert.Equal(("h1", 100ul, "worker", 0ul), (named.Host, named.Tid, named.Name, named.ParentTid));
        var allocated = await client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Name = "any" });
        Assert.NotEqual(0ul, allocated.Tid);
        Assert.NotEqual(100ul, allocated.Tid);
    }

    [Fact]
    public async Task An_access_by_a_running_task_hits_the_breakpoint_armed_on_its_cpu()
    {
        var session = await client.OpenAsync();
        await Scenario.RunTaskAsync(client, 100, 2);
        var reservation = await client.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000));

        var hit = Assert.Single(await Scenario.WriteAsync(client, 100, 0x1004));

        Assert.Equal((reservation.Id, "h1", 2u, 100ul), (hit.ReservationId, hit.Host, hit.Cpu, hit.Tid));
        Assert.Equal((0x1004ul, Access.Write), (hit.Address, hit.Access));
        Assert.Empty(await Scenario.WriteAsync(client, 100, 0x3000));
        Assert.Equal(1ul, Assert.Single(await client.ListAsync(session)).Hits);
    }

    [Fact]
    public async Task A_forked_child_inherits_the_parents_inherited_breakpoints()
    {
        var session = await client.OpenAsync(ClientKind.Ptrace);
        await client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 100, Name = "parent" });
        await client.CallAsync(Api.Reserve, new ReserveRequest
        {
            SessionId = session, Scope = Proto.Task(100), Breakpoint = Proto.Write(0x1000), Pinned = true, Inherit = true,
        });

        var child = await client.CallAsync(Api.ForkTask, new ForkTaskRequest { ParentTid = 100, ChildTid = 101 });

        Assert.Equal((101ul, 100ul), (child.Tid, child.ParentTid));
        var held = await client.ListAsync(session);
        Assert.Equal([100ul, 101ul], held.Select(r => r.Scope.Task.Tid).Order());
    }

    [Fact]
    public async Task A_task_that_exits_takes_its_breakpoints_with_it()
    {
        var session = await client.OpenAsync();
        await Scenario.RunTaskAsync(client, 100, 0);
        await client.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000));

        await client.CallAsync(Api.ExitTask, new ExitTaskRequest { Tid = 100 });

        Assert.Empty(await client.ListAsync(session));
        await Proto.FailsWith(StatusCode.NotFound, () => client.CallAsync(Api.RunTask, new RunTaskRequest { Tid = 100, Cpu = 0 }));
    }

    [Fact]
    public async Task Running_the_idle_task_shows_the_cpu_idle()
    {
        await Scenario.RunTaskAsync(client, 100, 3);
        Assert.Equal(100ul, (await client.CallAsync(Api.GetHost, new GetHostRequest())).Cpus[3].RunningTid);
        await client.CallAsync(Api.RunTask, new RunTaskRequest { Tid = 0, Cpu = 3 });
        Assert.Equal(0ul, (await client.CallAsync(Api.GetHost, new GetHostRequest())).Cpus[3].RunningTid);
    }

    [Fact]
    public async Task Simulator_requests_are_checked_at_the_edge()
    {
        await Proto.FailsWith(StatusCode.InvalidArgument, () => client.CallAsync(Api.RunTask, new RunTaskRequest { Tid = 1, Cpu = 9 }));
        await Proto.FailsWith(
            StatusCode.InvalidArgument,
            () => client.CallAsync(Api.Access, new AccessRequest { Tid = 1, Address = 1, Length = 0, Access = Access.Write }));
        await Proto.FailsWith(
            StatusCode.InvalidArgument,
            () => client.CallAsync(Api.Access, new AccessRequest { Tid = 1, Address = 1, Length = 1, Access = Access.ReadWrite }));
        await Proto.FailsWith(StatusCode.NotFound, () => client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Host = "h9", Tid = 1 }));
    }
}
