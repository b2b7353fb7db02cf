using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>Parsers of option values: addresses in hex or decimal, access letters, client kinds.</summary>
internal static class Parsers
{
    /// <summary>"0x1000" or "4096".</summary>
    public static ulong Number(ArgumentResult result)
    {
        var text = FirstToken(result);
        if (TryNumber(text, out var value))
        {
            return value;
        }

        result.AddError($"'{text}' is not a number (hex with 0x, or decimal)");
        return 0;
    }

    /// <summary>A 32-bit <see cref="Number"/>.</summary>
    public static uint Number32(ArgumentResult result)
    {
        var value = Number(result);
        if (value > uint.MaxValue)
        {
            result.AddError($"'{result.Tokens[0].Value}' is too large");
        }

        return (uint)value;
    }

    public static bool TryNumber(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>x (execute), w (write), r (read), rw (read or write).</summary>
    public static Access Access(ArgumentResult result)
    {
        var text = FirstToken(result);
        switch (text.ToLowerInvariant())
        {
            case "x" or "exec" or "execute": return Protos.V1.Access.Execute;
            case "w" or "write": return Protos.V1.Access.Write;
            case "r" or "read": return Protos.V1.Access.Read;
            case "rw" or "read-write": return Protos.V1.Access.ReadWrite;
            default:
                result.AddError($"'{text}' is not an access: use x, w, r or rw");
                return Protos.V1.Access.Unspecified;
        }
    }

    /// <summary>ptrace, perf, kgdb or kvm.</summary>
    public static ClientKind Kind(ArgumentResult result)
    {
        var text = FirstToken(result);
        switch (text.ToLowerInvariant())
        {
            case "ptrace": return ClientKind.Ptrace;
            case "perf": return ClientKind.Perf;
            case "kgdb": return ClientKind.Kgdb;
            case "kvm": return ClientKind.Kvm;
            default:
                result.AddError($"'{text}' is not a client kind: use ptrace, perf, kgdb or kvm");
                return ClientKind.Unspecified;
        }
    }

    /// <summary>One or more http or https node addresses, comma-separated.</summary>
    public static Uri[] Addresses(ArgumentResult result)
    {
        var text = FirstToken(result);
        if (TryAddresses(text, out var uris))
        {
            return uris;
        }

        result.AddError($"'{text}' is not a node address such as http://127.0.0.1:7070 (or several, comma-separated)");
        return [new Uri(GlobalOptions.DefaultNode)];
    }

    /// <summary>Whether <paramref name="text"/> is one or more comma-separated absolute http or https addresses, as nodes' must be.</summary>
    public static bool TryAddresses(string text, [NotNullWhen(true)] out Uri[]? uris)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        uris = parts.Select(p => Uri.TryCreate(p, UriKind.Absolute, out var uri) ? uri : null).OfType<Uri>()
            .Where(uri => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps).ToArray();
        return parts.Length > 0 && uris.Length == parts.Length;
    }

    /// <summary>"role=db,rack=a" as a map.</summary>
    public static Dictionary<string, string> Labels(ArgumentResult result)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        const StringSplitOptions Tidy = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        foreach (var pair in result.Tokens.SelectMany(t => t.Value.Split(',', Tidy)))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                result.AddError($"'{pair}' is not a label: use key=value");
                continue;
            }

            labels[pair[..equals]] = pair[(equals + 1)..];
        }

        return labels;
    }

    private static string FirstToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
}
