using System.Text.Json;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>hwbp top without a terminal: one frame per refresh, on the command's clock.</summary>
public sealed class TopCommandTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync("--sim-hosts", "2");
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task Top_of_a_host_prints_its_slots_and_reservations()
    {
        await using var session = await client.OpenSessionAsync("top", ClientKind.Perf);
        var reservation = await session.ReserveAsync(Scopes.Cpu(3), new Breakpoint { Address = 0x1000, Length = 8, Access = Access.Write }, "h1-1");

        var run = await CliRun.RunAsync(node, "top", "--host", "h1-1", "--frames", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("hwbp top: host h1-1", run.Output, StringComparison.Ordinal);
        Assert.Contains($"{reservation.Id} w 0x1000/8", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_of_the_fleet_refreshes_on_its_clock_and_sees_a_new_reservation()
    {
        var output = new SyncWriter();
        var watching = CliRun.RunAsync(node, output, new SyncWriter(), CancellationToken.None, "top", "--fleet", "--frames", "2", "--interval-ms", "1000", "--output", "json");
        await WaitForAsync(() => output.ToString().Contains('\n', StringComparison.Ordinal), watching);
        await using var session = await client.OpenSessionAsync("top", ClientKind.Perf);
        await session.ReserveAsync(Scopes.Cpu(0), new Breakpoint { Address = 0x2000, Length = 4, Access = Access.Write }, "h1-0");

        // The refresh timer may start just after the first frame: keep moving the clock until the second frame is out.
        for (var i = 0; i < 1000 && !watching.IsCompleted; i++)
        {
            node.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(watching, Task.Delay(10));
        }

        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        var frames = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, frames.Length);
        Assert.Equal(["h1-0", "h1-1"], frames[0].GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()));
        Assert.Equal(0, frames[0].GetProperty("reservations").GetArrayLength());
        Assert.Equal(1, frames[1].GetProperty("reservations").GetArrayLength());
    }

    private static async Task WaitForAsync(Func<bool> condition, Task<CliRun> command)
    {
        for (var i = 0; i < 1000 && !command.IsCompleted; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail(command.IsCompleted ? "the command ended early: " + await command : "the first frame never came");
    }
}
