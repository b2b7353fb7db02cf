using HwbpCluster.Cli.Tests.Support;
using HwbpCluster.Client;
using HwbpCluster.Client.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>A watch whose output stalls: the node drops what it cannot send, and the watch says so when it ends.</summary>
public sealed class WatchDropTests : IAsyncLifetime
{
    private TestNode node = null!;
    private HwbpClient client = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync("--watch-buffer", "1");
        client = node.Connect();
        await client.SpawnTaskAsync(42, "app");
        await client.RunTaskAsync(42, 1);
    }

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task A_watch_read_too_slowly_says_at_its_end_how_many_hits_the_node_dropped_toward_it()
    {
        var terminal = new TaskCompletionSource();
        var output = new SyncWriter(terminal.Task);
        var error = new SyncWriter();
        var watching = CliRun.RunAsync(node, output, error, CancellationToken.None, "watch", "--tid", "42", "--addr", "0x1000", "--len", "8", "--count", "1");
        while ((await client.ListReservationsAsync()).Count == 0)
        {
            Assert.False(watching.IsCompleted, error.ToString());
            await Task.Delay(10);
        }

        // The first hit's line waits on the stalled terminal; the rest fill the transport's windows, then the node's
        // one-event buffer, and past that are dropped.
        for (int batch = 0; batch < 50; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.AccessAsync(42, 0x1000, 8, Access.Write)));
        }

        terminal.SetResult();
        var run = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(run.Lines("hit "));
        var said = Assert.Single(run.Error.Split('\n'), l => l.Contains("missed hits", StringComparison.Ordinal));
        Assert.Matches(@"^hwbp: h1/\d+ missed hits: [1-9]\d* dropped toward this watch, read too slowly$", said);
        Assert.Empty(await client.ListReservationsAsync());
    }
}
