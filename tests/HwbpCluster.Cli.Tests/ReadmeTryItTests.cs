using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;

namespace HwbpCluster.Cli.Tests;

/// <summary>The README's "Try it" commands, run as written (in process) against a node like the README's.</summary>
/// <remarks>
/// The README once asked its watch for two hits and then made one access, so the watch waited forever: this test runs
/// every <c>hwbp</c> line of the section in order, the watch in the background, and requires the watch to end by itself.
/// </remarks>
public sealed class ReadmeTryItTests : IAsyncLifetime
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
    public async Task The_try_it_commands_run_as_written_and_the_watch_ends_by_itself()
    {
        var commands = TryItCommands();
        Assert.Contains(commands, c => c[0] == "watch");
        Task<CliRun>? watch = null;

        foreach (var command in commands)
        {
            if (command[0] == "watch")
            {
                var notes = new SyncWriter();
                watch = CliRun.RunAsync(node, new SyncWriter(), notes, CancellationToken.None, command);
                await WaitUntilWatchingAsync(watch, notes);
                continue;
            }

            // top redraws until Ctrl+C: one frame is enough here.
            var args = command[0] == "top" ? [.. command, "--frames", "1"] : command;
            var run = await CliRun.RunAsync(node, args);
            Assert.True(run.ExitCode == 0, $"hwbp {string.Join(' ', command)}: {run}");
        }

        Assert.NotNull(watch);
        var watched = await watch.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Equal(2, watched.Lines("hit ").Count);
        Assert.Empty(await client.ListReservationsAsync());

        // The spawn is idempotent: the first commands run a second time as written.
        Assert.Equal(0, (await CliRun.RunAsync(node, commands.First(c => c is ["sim", "spawn", ..]))).ExitCode);
    }

    /// <summary>The arguments of every line that starts with "hwbp " in the code blocks of the "## Try it" section.</summary>
    private static List<string[]> TryItCommands()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RepositoryReadme.md"));
        var start = readme.IndexOf("## Try it", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return [.. section.Split('\n')
            .Where(line => line.StartsWith("hwbp ", StringComparison.Ordinal))
            .Select(line => line.Split('#')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])];
    }

    /// <summary>Until the watch says it is watching: a person reads that line before making the accesses.</summary>
    private static async Task WaitUntilWatchingAsync(Task<CliRun> watch, SyncWriter notes)
    {
        for (var i = 0; i < 1000 && !watch.IsCompleted; i++)
        {
            if (notes.ToString().Contains("watching", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("the watch never reserved: " + (watch.IsCompleted ? await watch : "still running"));
    }
}
