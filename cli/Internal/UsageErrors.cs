using System.CommandLine;
using System.CommandLine.Parsing;

namespace HwbpCluster.Cli.Internal;

/// <summary>Explains a command line that does not parse: one message, the nearest command or option, and the right help to read.</summary>
internal static class UsageErrors
{
    /// <summary>The lines to print, or none when <paramref name="parsed"/> can run (help included).</summary>
    public static IReadOnlyList<string> Explain(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        var help = $"Run '{Path(parsed.CommandResult)} --help' for usage.";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            // One message for the first unknown token: System.CommandLine would add "required command was not provided" too.
            return [Unknown(parsed.UnmatchedTokens[0], parsed.CommandResult), help];
        }

        if (parsed.Errors.Count == 0)
        {
            return [];
        }

        if (command.Action is null && command.Subcommands.Count > 0)
        {
            var names = string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return [$"hwbp: '{Path(parsed.CommandResult)}' needs a command: {names}", help];
        }

        return [.. parsed.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal).Select(m => $"hwbp: {m}"), help];
    }

    /// <summary>"hwbp sim spawn": the command's path from the root.</summary>
    public static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? at = result; at is CommandResult c; at = at.Parent)
        {
            names.Add(c.Parent is null ? "hwbp" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static string Unknown(string token, CommandResult where)
    {
        var command = where.Command;
        var path = Path(where);
        if (token.StartsWith('-'))
        {
            var options = Options(where).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal));
            return Message($"unknown option '{token}' for '{path}'", Suggestions.Nearest(token, options));
        }

        var subcommands = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
        return subcommands.Length == 0
            ? $"hwbp: '{path}' takes no argument '{token}'"
            : Message($"unknown command '{token}'{(where.Parent is null ? "" : $" for '{path}'")}", Suggestions.Nearest(token, subcommands));
    }

    private static string Message(string what, string? nearest) =>
        nearest is null ? $"hwbp: {what}" : $"hwbp: {what}; did you mean '{nearest}'?";

    /// <summary>The options that apply at <paramref name="where"/>: its own and its ancestors' recursive ones.</summary>
    private static IEnumerable<Option> Options(CommandResult where)
    {
        foreach (var option in where.Command.Options)
        {
            yield return option;
        }

        for (var parent = where.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }
}
