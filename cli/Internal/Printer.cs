using System.Text.Json;
using HwbpCluster.Cli.Internal.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HwbpCluster.Cli.Internal;

/// <summary>Writes results either for people (lines and tables) or for machines (one JSON object per line).</summary>
internal sealed class Printer(TextWriter output, bool json)
{
    /// <summary>Whether the output is JSON lines.</summary>
    public bool Json => json;

    /// <summary>Writes the object <paramref name="shape"/> writes as one JSON line, or <paramref name="text"/> for people.</summary>
    public Task WriteAsync(Action<Utf8JsonWriter> shape, string text) => output.WriteLineAsync(json ? JsonLine.Of(shape) : text);

    /// <summary>Writes the object <paramref name="shape"/> writes as one JSON line, or <paramref name="table"/> for people.</summary>
    public Task WriteAsync(Action<Utf8JsonWriter> shape, Func<IRenderable> table)
    {
        if (json)
        {
            return output.WriteLineAsync(JsonLine.Of(shape));
        }

        Plain(output).Write(table());
        return output.FlushAsync();
    }

    /// <summary>A console on <paramref name="writer"/> with no colours or cursor moves: pipes, logs and tests read it as text.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Not a terminal (a pipe, a test): wide enough that tables never wrap their cells.
        console.Profile.Width = 200;
        return console;
    }
}
