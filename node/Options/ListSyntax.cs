namespace HwbpCluster.Node.Options;

/// <summary>Parses the comma-separated option values: labels (k=v,...) and seed addresses.</summary>
internal static class ListSyntax
{
    /// <summary>Parses "rack=a,role=db"; returns an error text instead when malformed.</summary>
    public static IReadOnlyDictionary<string, string> ParseLabels(string text, out string? error)
    {
        error = null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Split(text))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"label '{item}' is not key=value";
                return labels;
            }

            var key = item[..eq].Trim();
            if (!labels.TryAdd(key, item[(eq + 1)..].Trim()))
            {
                error = $"label '{key}' is given twice";
                return labels;
            }
        }

        return labels;
    }

    /// <summary>Parses "http://a:7071,http://b:7071"; returns an error text instead when an address is not absolute http(s).</summary>
    public static IReadOnlyList<Uri> ParseSeeds(string text, out string? error)
    {
        error = null;
        var seeds = new List<Uri>();
        foreach (var item in Split(text))
        {
            if (!Uri.TryCreate(item, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                error = $"seed '{item}' is not an absolute http:// or https:// address";
                return seeds;
            }

            seeds.Add(uri);
        }

        return seeds;
    }

    private static IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
