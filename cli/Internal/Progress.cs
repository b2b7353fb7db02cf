using Spectre.Console;

namespace HwbpCluster.Cli.Internal;

/// <summary>Shows that a long call is under way: a spinner on a terminal, one note line otherwise.</summary>
internal static class Progress
{
    public static async Task<T> ShowAsync<T>(CliContext context, string doing, Func<Task<T>> call)
    {
        if (context.Terminal?.Value is not { } terminal)
        {
            await context.Error.WriteLineAsync(doing + " ...");
            return await call();
        }

        return await terminal.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(doing), _ => call());
    }
}
