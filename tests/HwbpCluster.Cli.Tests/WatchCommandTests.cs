using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

public sealed class WatchCommandTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync("--sim-hosts", "2");
        client = node.Connect();
        foreach (var host in new[] { "h1-0", "h1-1" })
        {
            await client.SpawnTaskAsync(new SpawnTaskRequest { Host = host, Tid = 42, Name = "app" });
            await client.RunTaskAsync(new RunTaskRequest { Host = host, Tid = 42, Cpu = 1 });
        }
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Watch_with_count_prints_that_many_hits_then_releases_its_reservation()
    {
        var watching = CliRun.RunAsync(node, "watch", "--host", "h1-0", "--cpu", "1", "--addr", "0x1000", "--len", "8", "--access", "w", "--count", "2");

        // Accesses before the watch is live are simply missed, so keep touching memory until the command has seen two hits.
        var run = await WhileAccessingAsync(watching, "h1-0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Lines("hit ").Count);
        Assert.All(run.Lines("hit "), line => Assert.Contains("cpu 1 tid 42 w 0x1000", line, StringComparison.Ordinal));
        Assert.DoesNotContain("missed", run.Error, StringComparison.Ordinal); // the simulator loses no hit
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Watch_with_json_prints_one_hit_object_per_line()
    {
        var watching = CliRun.RunAsync(node, "watch", "--json", "--host", "h1-1", "--tid", "42", "--addr", "0x1000", "--len", "8", "--count", "3");

        var run = await WhileAccessingAsync(watching, "h1-1");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line =>
        {
            using var hit = JsonDocument.Parse(line);
            Assert.StartsWith("h1-1/", hit.RootElement.GetProperty("reservationId").GetString(), StringComparison.Ordinal);
            Assert.Equal("0x1000", hit.RootElement.GetProperty("address").GetString());
        });
    }

    [Fact]
    public async Task Ctrl_c_ends_a_watch_with_exit_0_and_closes_its_session()
    {
        using var ctrlC = new CancellationTokenSource();
        var watching = CliRun.RunAsync(node, ctrlC.Token, "watch", "--host", "h1-0", "--cpu", "2", "--addr", "0x1000");
        await WaitUntilAsync(async () => (await client.ListReservationsAsync()).Count == 1, watching);

        await ctrlC.CancelAsync();
        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Watch_with_seconds_stops_when_that_much_time_has_passed()
    {
        var watching = CliRun.RunAsync(node, "watch", "--host", "h1-0", "--cpu", "3", "--addr", "0x1000", "--seconds", "5");
        await WaitUntilAsync(async () => (await client.ListReservationsAsync()).Count == 1, watching);

        // The command's clock is the node's manual clock: move it in small steps (leases renew on the way) until the watch ends.
        for (var i = 0; i < 200 && !watching.IsCompleted; i++)
        {
            node.Clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(watching, Task.Delay(10));
        }

        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Fleet_watch_reserves_on_every_named_host_and_prints_their_hits()
    {
        var watching = CliRun.RunAsync(node, "fleet", "watch", "--hosts", "h1-0,h1-1", "--cpu", "1", "--addr", "0x1000", "--len", "8", "--count", "2");

        var run = await WhileAccessingAsync(watching, "h1-0", "h1-1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("h1-0: reserved", run.Error, StringComparison.Ordinal);
        Assert.Contains("h1-1: reserved", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Lines("hit ").Count);
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Watch_on_all_cpus_reserves_as_kgdb_by_default()
    {
        var watching = CliRun.RunAsync(node, "watch", "--host", "h1-1", "--all-cpus", "--addr", "0xffffffff81000000", "--len", "8", "--count", "1");
        await WaitUntilAsync(async () => (await client.ListReservationsAsync()).Count == 1, watching);
        var reservation = (await client.ListReservationsAsync()).Single();

        await client.RunTaskAsync(new RunTaskRequest { Host = "h1-1", Tid = 42, Cpu = 3 });
        var run = await WhileAccessingAsync(watching, 0xffffffff81000000, "h1-1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal((ClientKind.Kgdb, Scope.TargetOneofCase.AllCpus), (reservation.ClientKind, reservation.Scope.TargetCase));
        Assert.Contains("cpu 3 tid 42", Assert.Single(run.Lines("hit ")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_whose_session_is_closed_elsewhere_exits_1()
    {
        var watching = CliRun.RunAsync(node, "watch", "--host", "h1-1", "--cpu", "0", "--addr", "0x1000");
        await WaitUntilAsync(async () => (await client.ListReservationsAsync()).Count == 1, watching);
        var session = (await client.ListReservationsAsync()).Single().SessionId;

        await client.CloseSessionAsync(new CloseSessionRequest { SessionId = session });

        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 1, run.ToString());

        // Closed while the watch was being set up, the node says NOT_FOUND; closed after, the watch ends.
        Assert.True(run.Error.Contains("ended the watch", StringComparison.Ordinal) || run.Error.Contains("NOT_FOUND", StringComparison.Ordinal), run.ToString());
    }

    private Task<CliRun> WhileAccessingAsync(Task<CliRun> command, params string[] hosts) => WhileAccessingAsync(command, 0x1000, hosts);

    private async Task<CliRun> WhileAccessingAsync(Task<CliRun> command, ulong address, params string[] hosts)
    {
        for (var i = 0; i < 2000 && !command.IsCompleted; i++)
        {
            foreach (var host in hosts)
            {
                await client.AccessAsync(new AccessRequest { Host = host, Tid = 42, Address = address, Length = 4, Access = Access.Write, Ip = 0x401000 });
            }

            await Task.WhenAny(command, Task.Delay(10));
        }

        return await command.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Task<CliRun> command)
    {
        for (var i = 0; i < 1000; i++)
        {
            if (command.IsCompleted)
            {
                Assert.Fail("the command ended early: " + await command);
            }

            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("the condition never held");
    }
}
