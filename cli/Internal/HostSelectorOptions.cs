using System.CommandLine;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Which hosts a fleet command targets: --hosts h1,h2 and/or --label key=value (every host of a node with those labels).</summary>
internal sealed class HostSelectorOptions
{
    private const StringSplitOptions Tidy = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;

    public Option<string[]> Hosts { get; } = new("--hosts") { Description = "Host names, comma-separated", AllowMultipleArgumentsPerToken = true };

    public Option<Dictionary<string, string>> Labels { get; } = new("--label")
    {
        Description = "Every host whose node has these labels, key=value[,key=value]",
        CustomParser = Parsers.Labels,
    };

    public void AddTo(Command command)
    {
        command.Add(Hosts);
        command.Add(Labels);
    }

    /// <summary>The selector; with <paramref name="required"/>, a usage error when it names no host.</summary>
    public HostSelector Selector(ParseResult parsed, bool required)
    {
        var selector = new HostSelector();
        selector.Hosts.AddRange((parsed.GetValue(Hosts) ?? []).SelectMany(h => h.Split(',', Tidy)));
        foreach (var (key, value) in parsed.GetValue(Labels) ?? [])
        {
            selector.Labels[key] = value;
        }

        return required && selector.Hosts.Count == 0 && selector.Labels.Count == 0
            ? throw new UsageException("say which hosts: --hosts h1,h2 and/or --label key=value")
            : selector;
    }

    /// <summary>"h1,h2 and role=db" for notes.</summary>
    public static string Describe(HostSelector selector)
    {
        var parts = new List<string>();
        if (selector.Hosts.Count > 0)
        {
            parts.Add(string.Join(",", selector.Hosts));
        }

        if (selector.Labels.Count > 0)
        {
            parts.Add("label " + string.Join(",", selector.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        }

        return parts.Count == 0 ? "every host" : string.Join(" and ", parts);
    }
}
