using System.Text;

namespace HwbpCluster.Node.Options;

/// <summary>
/// <c>hwbp-node --help</c>, and the refusal of a switch the node does not know. The text is node/README.md's switch table,
/// embedded in the assembly: the README stays the one place the switches are described.
/// </summary>
internal static class NodeUsage
{
    private const string TableHeader = "| switch | default | meaning |";

    // Host settings the web host itself reads from the command line.
    private static readonly string[] HostSwitches = ["--environment", "--contentRoot", "--applicationName"];

    /// <summary>Whether <paramref name="args"/> ask for the usage.</summary>
    public static bool WantsHelp(IEnumerable<string> args) => args.Any(a => a is "--help" or "-h" or "-?");

    /// <summary>The usage: one entry per switch of the README's table.</summary>
    public static string Text()
    {
        var text = new StringBuilder("usage: hwbp-node [--switch value]...   (node/README.md says more)\n\n");
        foreach (var (names, fallback, meaning) in Rows())
        {
            text.Append("  ").Append(names).Append("   (default: ").Append(fallback).Append(")\n      ").Append(meaning).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The first switch in <paramref name="args"/> the node does not know, or null. Configuration paths (with ':') pass.</summary>
    public static string? Unknown(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                continue;
            }

            var name = args[i].Split('=', 2)[0];
            if (name.Contains(':', StringComparison.Ordinal) || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                i += args[i].Contains('=', StringComparison.Ordinal) ? 0 : 1;
                continue;
            }

            if (!NodeSwitches.Mappings.ContainsKey(name) && !name.Equals("--urls", StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }

            // A switch's value follows it unless given with '=' (bare flags were given '=true' before this).
            i += args[i].Contains('=', StringComparison.Ordinal) ? 0 : 1;
        }

        return null;
    }

    /// <summary>The README table's rows: switch names, default, meaning, with the Markdown code marks taken out.</summary>
    internal static IEnumerable<(string Names, string Default, string Meaning)> Rows()
    {
        using var stream = typeof(NodeUsage).Assembly.GetManifestResourceStream("hwbp-node.README.md")
            ?? throw new InvalidOperationException("node/README.md is not embedded");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r'));
        foreach (var row in lines.SkipWhile(l => l != TableHeader).Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = row.Trim('|').Split(" | ").Select(c => c.Trim().Replace("`", string.Empty, StringComparison.Ordinal)).ToArray();
            yield return (cells[0], cells[1], string.Join(" | ", cells.Skip(2)));
        }
    }
}
