using System.Security.Cryptography;
using System.Text;
using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Auth;

/// <summary>The node's bearer tokens, loaded at start and again on <see cref="Reload"/>; without a tokens file the node is open (loopback only).</summary>
internal sealed class TokenStore
{
    private readonly string? path;
    private volatile (byte[] Token, Caller Caller)[] tokens;

    /// <summary>Loads the tokens file named by the options, if any.</summary>
    public TokenStore(IOptions<HwbpNodeOptions> options)
    {
        path = string.IsNullOrEmpty(options.Value.AuthTokensFile) ? null : options.Value.AuthTokensFile;
        tokens = path is null ? [] : Load(path);
    }

    /// <summary>True when no tokens file was given: every call is accepted as <see cref="Caller.Unrestricted"/>.</summary>
    public bool IsOpen => path is null;

    /// <summary>The caller a token belongs to, or null; compares in constant time per token.</summary>
    public Caller? Find(string token)
    {
        var presented = Encoding.UTF8.GetBytes(token);
        Caller? found = null;
        foreach (var (known, caller) in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(known, presented))
            {
                found = caller;
            }
        }

        return found;
    }

    /// <summary>Whether a token named <paramref name="name"/> is still in the file (sessions outlive a reload only while it is).</summary>
    public bool Knows(string name) => IsOpen || tokens.Any(t => t.Caller.Name == name);

    /// <summary>Reads the tokens file again; returns the names of the tokens it no longer lists.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid tokens file; the tokens loaded before stay in force.</exception>
    public IReadOnlyList<string> Reload()
    {
        if (path is null)
        {
            return [];
        }

        var before = tokens.Select(t => t.Caller.Name).ToHashSet(StringComparer.Ordinal);
        tokens = Load(path);
        before.ExceptWith(tokens.Select(t => t.Caller.Name));
        return [.. before];
    }

    private static (byte[] Token, Caller Caller)[] Load(string path) =>
        TokenFile.Load(path).Select(kv => (Encoding.UTF8.GetBytes(kv.Key), kv.Value)).ToArray();
}
