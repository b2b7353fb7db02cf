using System.Diagnostics;
using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests;

/// <summary>The real hwbp executable (Program.Main) against an in-process node.</summary>
public sealed class ProcessTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        client = node.Connect();
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task The_executable_prints_health_and_exits_0()
    {
        using var hwbp = Start("--node", node.Address.ToString(), "health");
        var output = await hwbp.StandardOutput.ReadToEndAsync();
        await hwbp.WaitForExitAsync().WaitAsync(Patience);

        Assert.Equal(0, hwbp.ExitCode);
        Assert.StartsWith("SERVING", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_executable_exits_2_on_a_usage_error()
    {
        using var hwbp = Start("--node", node.Address.ToString(), "watch", "--cpu", "1");
        await hwbp.WaitForExitAsync().WaitAsync(Patience);

        Assert.Equal(2, hwbp.ExitCode);
    }

    [Fact]
    public async Task The_executable_exits_3_when_no_node_answers()
    {
        using var hwbp = Start("--node", "http://127.0.0.1:1", "health");
        var error = await hwbp.StandardError.ReadToEndAsync();
        await hwbp.WaitForExitAsync().WaitAsync(Patience);

        Assert.Equal(3, hwbp.ExitCode);
        Assert.StartsWith("hwbp: no node could be reached: ", error, StringComparison.Ordinal);
    }

    [SigintFact]
    public async Task Sigint_ends_a_watch_with_exit_0_and_its_session_closes()
    {
        using var hwbp = Start("--node", node.Address.ToString(), "watch", "--cpu", "1", "--addr", "0x1000");
        var note = await hwbp.StandardError.ReadLineAsync().WaitAsync(Patience);
        Assert.StartsWith("reserved ", note, StringComparison.Ordinal);
        Assert.Single(await client.ListReservationsAsync());

        using (var kill = Process.Start("kill", ["-INT", hwbp.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().WaitAsync(Patience);
        }

        await hwbp.WaitForExitAsync().WaitAsync(Patience);
        Assert.Equal(0, hwbp.ExitCode);
        Assert.Empty(await client.ListReservationsAsync());
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cli", "hwbp.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("HWBP_NODE");
        info.Environment.Remove("HWBP_TOKEN");
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
