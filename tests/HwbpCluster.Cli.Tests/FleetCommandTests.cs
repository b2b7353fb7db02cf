using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>fleet reserve and release on a node with two simulated hosts and a label.</summary>
public sealed class FleetCommandTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync("--sim-hosts", "2", "--labels", "role=db");
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Fleet_reserve_by_label_reserves_on_every_host_and_fleet_release_releases_them()
    {
        await using var session = await client.OpenSessionAsync("fleet", ClientKind.Perf);

        var run = await CliRun.RunAsync(node, "fleet", "reserve", "--session", session.Id, "--label", "role=db", "--cpu", "1", "--addr", "0x1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("h1-0: reserved", run.Output, StringComparison.Ordinal);
        Assert.Contains("h1-1: reserved", run.Output, StringComparison.Ordinal);
        Assert.Contains("committed: 2 of 2 host(s) reserved", run.Output, StringComparison.Ordinal);
        Assert.Contains("reserving w 0x1000/1 on label role=db ...", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await client.ListReservationsAsync()).Count);

        var released = await CliRun.RunAsync(node, "fleet", "release", "--session", session.Id, "--hosts", "h1-0,h1-1", "--output", "json");

        Assert.True(released.ExitCode == 0, released.ToString());
        using var json = JsonDocument.Parse(released.Output);
        Assert.Equal(2u, json.RootElement.GetProperty("released").GetUInt32());
        Assert.Empty(await client.ListReservationsAsync());
    }

    [Fact]
    public async Task A_fleet_reservation_that_is_not_committed_exits_1_and_keeps_nothing()
    {
        // Fill CPU 1 of h1-1 so that host cannot take one more CPU-bound breakpoint there.
        await using var holder = await client.OpenSessionAsync("holder", ClientKind.Perf);
        var slots = (await client.GetHostAsync("h1-1")).DataSlots;
        for (var i = 0u; i < slots; i++)
        {
            await holder.ReserveAsync(Scopes.Cpu(1), new Breakpoint { Address = 0x8000 + (i * 8), Length = 8, Access = Access.Write }, "h1-1");
        }

        await using var session = await client.OpenSessionAsync("fleet", ClientKind.Perf);
        var run = await CliRun.RunAsync(node, "fleet", "reserve", "--session", session.Id, "--hosts", "h1-0,h1-1", "--cpu", "1", "--addr", "0x1000", "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.False(json.RootElement.GetProperty("committed").GetBoolean());
        var refused = json.RootElement.GetProperty("outcomes").EnumerateArray().Single(o => o.GetProperty("host").GetString() == "h1-1");
        Assert.Equal("RESOURCE_EXHAUSTED", refused.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("reservation").ValueKind);
        Assert.Empty(await session.ListReservationsAsync());
    }
}
