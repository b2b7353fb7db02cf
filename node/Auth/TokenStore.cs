using System.Security.Cryptography;
using System.Text;
using HwbpCluster.Node.Options;
using Microsoft.Extensions.Options;

namespace HwbpCluster.Node.Auth;

/// <summary>The node's bearer tokens, loaded once at start; without a tokens file the node is open (loopback only).</summary>
internal sealed class TokenStore
{
    private readonly (byte[] Token, Caller Caller)[] tokens;

    /// <summary>Loads the tokens file named by the options, if any.</summary>
    public TokenStore(IOptions<HwbpNodeOptions> options)
    {
        var path = options.Value.AuthTokensFile;
        tokens = string.IsNullOrEmpty(path)
            ? []
            : TokenFile.Load(path).Select(kv => (Encoding.UTF8.GetBytes(kv.Key), kv.Value)).ToArray();
    }

    /// <summary>True when no tokens file was given: every call is accepted as <see cref="Caller.Unrestricted"/>.</summary>
    public bool IsOpen => tokens.Length == 0;

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
}
