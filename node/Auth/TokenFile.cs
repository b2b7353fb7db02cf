using System.Text.Json;
using System.Text.Json.Serialization;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Node.Auth;

/// <summary>Reads the tokens file.</summary>
/// <remarks>
/// <c>{"tokens": [{"token": "…", "name": "ci-perf", "kinds": ["PERF", "PTRACE", "SIM"], "admin": false}]}</c>: <c>kinds</c> lists
/// the client kinds the token may open sessions of, and <c>SIM</c>, the right to drive the Simulator.
/// </remarks>
internal static class TokenFile
{
    private const string SimRight = "SIM";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Loads the tokens and their callers; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static IReadOnlyDictionary<string, Caller> Load(string path)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"tokens file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        var tokens = new Dictionary<string, Caller>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, index) in (document?.Tokens ?? []).Select((e, i) => (e, i)))
        {
            if (string.IsNullOrEmpty(entry.Token) || string.IsNullOrEmpty(entry.Name))
            {
                throw new InvalidDataException($"tokens file '{path}': tokens[{index}] needs a non-empty token and name");
            }

            // Sessions belong to a token by name, so two tokens of one name would share them.
            if (!names.Add(entry.Name))
            {
                throw new InvalidDataException($"tokens file '{path}': tokens[{index}] repeats the name '{entry.Name}'");
            }

            var rights = entry.Kinds ?? [];
            var simulate = rights.Any(r => r.Equals(SimRight, StringComparison.OrdinalIgnoreCase));
            var kinds = rights.Where(r => !r.Equals(SimRight, StringComparison.OrdinalIgnoreCase)).Select(k => ParseKind(k, path, index)).ToHashSet();
            if (!tokens.TryAdd(entry.Token, new Caller(entry.Name, kinds, entry.Admin, simulate)))
            {
                throw new InvalidDataException($"tokens file '{path}': tokens[{index}] ({entry.Name}) repeats another entry's token");
            }
        }

        return tokens.Count > 0 ? tokens : throw new InvalidDataException($"tokens file '{path}' lists no tokens");
    }

    private static ClientKind ParseKind(string kind, string path, int index) => kind.ToUpperInvariant() switch
    {
        "PTRACE" => ClientKind.Ptrace,
        "KGDB" => ClientKind.Kgdb,
        "KVM" => ClientKind.Kvm,
        "PERF" => ClientKind.Perf,
        _ => throw new InvalidDataException($"tokens file '{path}': tokens[{index}] names kind '{kind}'; use PTRACE, KGDB, KVM, PERF or SIM"),
    };

    private sealed class Document
    {
        [JsonPropertyName("tokens")]
        public List<Entry>? Tokens { get; set; }
    }

    private sealed class Entry
    {
        public string? Token { get; set; }

        public string? Name { get; set; }

        public List<string>? Kinds { get; set; }

        public bool Admin { get; set; }
    }
}
