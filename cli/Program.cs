namespace HwbpCluster.Cli;

/// <summary>The hwbp executable: turns Ctrl+C into cancellation and runs <see cref="CliApp"/> on the console.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C ends the command gracefully (its session closes, releasing); a second one kills the process.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        return await CliApp.InvokeAsync(args, Console.Out, Console.Error, stop.Token);
    }
}
