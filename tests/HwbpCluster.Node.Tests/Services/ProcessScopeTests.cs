using Grpc.Core;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

/// <summary>hwbp.v1's ProcessTarget over the wire on a simulated host: the process reservation, its task parts, and bad input.</summary>
public sealed class ProcessScopeTests : IAsyncLifetime
{
    private NodeServer server = null!;
    private NodeClient client = null!;

    public async Task InitializeAsync()
    {
        server = await NodeServer.StartAsync();
        client = server.Client();
        await client.CallAsync(Api.SpawnTask, new SpawnTaskRequest { Tid = 100, Name = "app" });
        await client.CallAsync(Api.ForkTask, new ForkTaskRequest { ParentTid = 100, ChildTid = 101 });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static Scope Process(ulong pid) => new() { Process = new ProcessTarget { Pid = pid } };

    [Fact]
    public async Task A_process_reservation_covers_its_tasks_and_a_child_forked_later_and_is_released_whole()
    {
        var session = await client.OpenAsync(ClientKind.Ptrace);

        var process = await client.ReserveAsync(session, Process(100), Proto.Write(0x1000));

        Assert.Equal((Scope.TargetOneofCase.Process, 100ul, true), (process.Scope.TargetCase, process.Scope.Process.Pid, process.Inherit));
        await client.CallAsync(Api.ForkTask, new ForkTaskRequest { ParentTid = 101, ChildTid = 102 });
        var parts = await client.ListAsync(session);
        Assert.Equal([100ul, 101ul, 102ul], parts.Select(r => r.Scope.Task.Tid).Order());
        Assert.All(parts, r => Assert.Equal((100ul, process.Id), (r.ProcessPid, r.ProcessReservationId)));

        await client.CallAsync(Api.RunTask, new RunTaskRequest { Tid = 102, Cpu = 1 });
        var hit = Assert.Single(await Scenario.WriteAsync(client, 102, 0x1000));
        Assert.Equal(102ul, hit.Tid);

        await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = process.Id });
        Assert.Empty(await client.ListAsync(session));
    }

    [Fact]
    public async Task Bad_process_scopes_get_the_right_status()
    {
        var ptrace = await client.OpenAsync(ClientKind.Ptrace);
        var kgdb = await client.OpenAsync(ClientKind.Kgdb);

        var zero = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.ReserveAsync(ptrace, Process(0), Proto.Write(0x1000)));
        Assert.Contains("scope.process.pid", zero.Status.Detail, StringComparison.Ordinal);
        await Proto.FailsWith(StatusCode.NotFound, () => client.ReserveAsync(ptrace, Process(555), Proto.Write(0x1000)));
        var waits = await Proto.FailsWith(StatusCode.InvalidArgument, () => client.CallAsync(Api.Reserve, new ReserveRequest
        {
            SessionId = ptrace, Scope = Process(100), Breakpoint = Proto.Write(0x1000), Pinned = true, WaitMs = 100,
        }));
        Assert.Contains("process-no-wait", waits.Status.Detail, StringComparison.Ordinal);
        var cpuBound = await Proto.FailsWith(StatusCode.PermissionDenied, () => client.ReserveAsync(kgdb, Process(100), Proto.Write(0x1000)));
        Assert.Contains("kgdb-cpu-bound", cpuBound.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(await client.ListAsync(ptrace));
    }
}
