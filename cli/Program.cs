using HwbpCluster.Cli.Internal;
using Spectre.Console;

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

        // Live views and spinners only on a terminal; pipes and logs get plain lines.
        var terminal = Console.IsOutputRedirected || Console.IsErrorRedirected ? null : new Lazy<IAnsiConsole>(() => AnsiConsole.Console);
        var context = new CliContext(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System, terminal);
        return await CliApp.InvokeAsync(args, context, stop.Token);
    }
}
