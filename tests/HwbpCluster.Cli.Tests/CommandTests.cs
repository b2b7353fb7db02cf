using System.Globalization;
using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

public sealed class CommandTests : IAsyncLifetime
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
    public async Task Health_prints_serving_and_exits_0()
    {
        var run = await CliRun.RunAsync(node, "health");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("SERVING", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_prints_each_cpus_slots_and_its_dr7_in_hex_after_a_reservation()
    {
        await using var session = await client.OpenSessionAsync("test", ClientKind.Perf);
        var reservation = await session.ReserveAsync(Scopes.Cpu(2), new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Write });
        var dr7 = (await client.GetHostAsync()).Cpus[2].Dr7;
        Assert.NotEqual(0ul, dr7);

        var run = await CliRun.RunAsync(node, "host");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("host h1", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{reservation.Id} w 0x1000/8", run.Output, StringComparison.Ordinal);
        Assert.Contains("0x" + dr7.ToString("x8", CultureInfo.InvariantCulture), run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_json_prints_the_host_state_as_one_json_object()
    {
        var run = await CliRun.RunAsync(node, "host", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("h1", json.RootElement.GetProperty("host").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("cpus").GetArrayLength());
    }

    [Fact]
    public async Task List_shows_reservations_of_a_session()
    {
        await using var session = await client.OpenSessionAsync("lister", ClientKind.Perf);
        var reservation = await session.ReserveAsync(Scopes.Cpu(0), new Breakpoint { Address = 0x2000, Length = 4, Access = Access.ReadWrite });

        var run = await CliRun.RunAsync(node, "list", "--session", session.Id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(reservation.Id, run.Output, StringComparison.Ordinal);
        Assert.Contains("rw 0x2000/4", run.Output, StringComparison.Ordinal);
        Assert.Contains("lost", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_shows_this_node_as_up()
    {
        var run = await CliRun.RunAsync(node, "members");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("n1 (self)", run.Output, StringComparison.Ordinal);
        Assert.Contains(" up ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sim_commands_spawn_run_and_access_printing_the_hits()
    {
        Assert.Equal(0, (await CliRun.RunAsync(node, "sim", "spawn", "--tid", "42", "--name", "app")).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync(node, "sim", "run", "--tid", "42", "--cpu", "3")).ExitCode);
        await using var session = await client.OpenSessionAsync("sim", ClientKind.Ptrace);
        var reservation = await session.ReserveAsync(Scopes.Task(42), new Breakpoint { Address = 0x3000, Length = 8, Access = Access.Write });

        var run = await CliRun.RunAsync(node, "sim", "access", "--tid", "42", "--addr", "0x3004", "--len", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        var hit = Assert.Single(run.Lines("hit "));
        Assert.Contains($"hit {reservation.Id} cpu 3 tid 42 w 0x3004", hit, StringComparison.Ordinal);
    }
}
