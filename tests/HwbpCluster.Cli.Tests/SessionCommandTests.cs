using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>A session that outlives one command: open, reserve, modify, list, release, close, and its two streams.</summary>
public sealed class SessionCommandTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        client = node.Connect();
        await client.SpawnTaskAsync(42, "app");
        await client.RunTaskAsync(42, 1);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Open_reserve_modify_release_and_close_each_do_their_call()
    {
        var session = await OpenAsync("ptrace");

        var reserved = await JsonAsync("reserve", "--session", session, "--tid", "42", "--addr", "0x1000", "--len", "8", "--access", "w");
        var id = reserved.GetProperty("id").GetString()!;
        Assert.Equal(("ptrace", "task", 42ul), (reserved.GetProperty("kind").GetString(), reserved.GetProperty("scope").GetProperty("type").GetString(),
            reserved.GetProperty("scope").GetProperty("tid").GetUInt64()));

        var modified = await JsonAsync("modify", "--session", session, "--id", id, "--addr", "0x2000", "--len", "4", "--access", "rw");
        Assert.Equal("0x2000", modified.GetProperty("breakpoint").GetProperty("address").GetString());
        Assert.Equal(0x2000ul, (await client.ListReservationsAsync()).Single().Breakpoint.Address);

        var listed = await CliRun.RunAsync(node, "sessions");
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(session, listed.Output, StringComparison.Ordinal);

        var released = await JsonAsync("release", "--session", session, "--id", id);
        Assert.True(released.GetProperty("released").GetBoolean());
        Assert.Empty(await client.ListReservationsAsync());

        await JsonAsync("reserve", "--session", session, "--tid", "42", "--addr", "0x3000");
        var closed = await JsonAsync("sessions", "close", "--session", session);
        Assert.Equal(1u, closed.GetProperty("released").GetUInt32());
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task Renew_answers_with_the_lease_and_an_unknown_session_exits_1_not_found()
    {
        var session = await OpenAsync("perf", "--ttl-ms", "5000");

        var renewed = await JsonAsync("sessions", "renew", "--session", session);
        Assert.Equal(5000u, renewed.GetProperty("ttlMs").GetUInt32());

        var run = await CliRun.RunAsync(node, "sessions", "renew", "--session", "no-such-session");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("hwbp: NOT_FOUND: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hits_follows_a_session_held_elsewhere_until_count()
    {
        var session = await OpenAsync("ptrace");
        await JsonAsync("reserve", "--session", session, "--tid", "42", "--addr", "0x1000", "--len", "8");

        var watching = CliRun.RunAsync(node, "sessions", "hits", "--session", session, "--count", "2");
        for (var i = 0; i < 2000 && !watching.IsCompleted; i++)
        {
            await client.AccessAsync(42, 0x1000, 4, Access.Write);
            await Task.WhenAny(watching, Task.Delay(10));
        }

        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Lines("hit ").Count);
    }

    [Fact]
    public async Task Events_prints_a_change_to_the_sessions_reservations_with_its_reason()
    {
        var session = await OpenAsync("ptrace");
        var id = (await JsonAsync("reserve", "--session", session, "--tid", "42", "--addr", "0x1000")).GetProperty("id").GetString()!;

        var watching = CliRun.RunAsync(node, "sessions", "events", "--session", session, "--count", "1", "--output", "json");
        for (var i = 0; i < 1000 && !watching.IsCompleted; i++)
        {
            // The watch may not be live yet: a released reservation's event before then is missed, so keep trying until one is seen.
            var again = await CliRun.RunAsync(node, "release", "--session", session, "--id", id);
            if (again.ExitCode == 0)
            {
                id = (await JsonAsync("reserve", "--session", session, "--tid", "42", "--addr", "0x1000")).GetProperty("id").GetString()!;
            }

            await Task.WhenAny(watching, Task.Delay(20));
        }

        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(["reservation", "reason", "time"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(session, json.RootElement.GetProperty("reservation").GetProperty("sessionId").GetString());
        Assert.Contains(json.RootElement.GetProperty("reservation").GetProperty("state").GetString(), new[] { "active", "released" });
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Guest_enter_suspends_the_cpus_reservations_and_exit_resumes_them()
    {
        var perf = await OpenAsync("perf");
        var id = (await JsonAsync("reserve", "--session", perf, "--cpu", "2", "--addr", "0x1000")).GetProperty("id").GetString()!;
        var kvm = await OpenAsync("kvm");

        var entered = await JsonAsync("guest", "enter", "--session", kvm, "--cpu", "2", "--breakpoint", "0x5000/8/w");
        Assert.Equal([id], entered.GetProperty("suspended").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(kvm, (await client.GetHostAsync()).Cpus[2].BorrowedBySession);

        var exited = await JsonAsync("guest", "exit", "--session", kvm, "--cpu", "2");
        Assert.Equal([id], exited.GetProperty("resumed").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Reserve_with_pid_takes_the_whole_process_and_release_gives_back_every_part()
    {
        Assert.Equal(0, (await CliRun.RunAsync(node, "sim", "spawn", "--tid", "70", "--name", "app")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(node, "sim", "fork", "--parent", "70", "--child", "71")).ExitCode);
        var gdb = await OpenAsync("ptrace");

        var reserved = await JsonAsync("reserve", "--session", gdb, "--pid", "70", "--addr", "0x1000");

        var scope = reserved.GetProperty("scope");
        Assert.Equal(("process", 70UL), (scope.GetProperty("type").GetString(), scope.GetProperty("pid").GetUInt64()));
        Assert.Equal(2, (await client.ListReservationsAsync(sessionId: gdb)).Count);
        Assert.Equal(0, (await CliRun.RunAsync(node, "release", "--session", gdb, "--id", reserved.GetProperty("id").GetString()!)).ExitCode);
        Assert.Empty(await client.ListReservationsAsync(sessionId: gdb));
    }

    [Fact]
    public async Task Reserve_with_a_symbol_sends_it_for_the_node_to_look_up_and_a_simulated_host_refuses_it_naming_the_backend_it_needs()
    {
        var gdb = await OpenAsync("ptrace");

        var run = await CliRun.RunAsync(node, "reserve", "--session", gdb, "--tid", "42", "--symbol", "counter+8");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith("hwbp: FAILED_PRECONDITION: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("counter+8", run.Error, StringComparison.Ordinal);
        Assert.Contains("--backend linux", run.Error, StringComparison.Ordinal);
        Assert.Empty(await client.ListReservationsAsync(sessionId: gdb));
    }

    private async Task<string> OpenAsync(string kind, params string[] more) =>
        (await JsonAsync(["sessions", "open", "--kind", kind, "--name", "test", .. more])).GetProperty("sessionId").GetString()!;

    private async Task<JsonElement> JsonAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(node, [.. args, "--output", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.Clone();
    }
}
