using Spectre.Console;
using Spectre.Console.Rendering;

namespace HwbpCluster.Cli.Internal;

/// <summary>Table cells as plain text, so ids and brackets are never read as Spectre markup.</summary>
internal static class Cells
{
    public static IRenderable[] Of(params string[] texts) => [.. texts.Select(t => new Text(t))];
}
