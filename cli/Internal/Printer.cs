using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HwbpCluster.Cli.Internal;

/// <summary>Writes results either for people (lines and tables) or for machines (one JSON object per line).</summary>
internal sealed class Printer(TextWriter output, bool json)
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Whether the output is JSON lines.</summary>
    public bool Json => json;

    /// <summary>Writes <paramref name="message"/> as JSON, or <paramref name="text"/> for people.</summary>
    public Task WriteAsync(IMessage message, string text) => output.WriteLineAsync(json ? Formatter.Format(message) : text);

    /// <summary>Writes <paramref name="message"/> as JSON, or <paramref name="table"/> for people.</summary>
    public Task WriteAsync(IMessage message, Func<IRenderable> table)
    {
        if (json)
        {
            return output.WriteLineAsync(Formatter.Format(message));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        // Not a terminal (a pipe, a test): wide enough that tables never wrap their cells.
        console.Profile.Width = 200;
        console.Write(table());
        return output.FlushAsync();
    }
}
