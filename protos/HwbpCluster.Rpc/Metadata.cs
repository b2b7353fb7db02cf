using System.Collections;

namespace HwbpCluster.Rpc;

/// <summary>gRPC metadata (custom headers or trailers): an ordered multi-map of text and "-bin" binary entries.</summary>
/// <remarks>Keys are lower-cased. Binary keys must end in "-bin"; text values must be printable ASCII.</remarks>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    /// <summary>The suffix that marks a binary key.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<MetadataEntry> entries = [];

    /// <inheritdoc />
    public int Count => entries.Count;

    /// <inheritdoc />
    public MetadataEntry this[int index] => entries[index];

    /// <summary>Adds a text entry.</summary>
    public Metadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (normalized.EndsWith(BinarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Key '{key}' ends in {BinarySuffix}: add a byte value.", nameof(key));
        }

        entries.Add(new MetadataEntry(normalized, value, null));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in "-bin".</summary>
    public Metadata Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (!normalized.EndsWith(BinarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Binary key '{key}' must end in {BinarySuffix}.", nameof(key));
        }

        entries.Add(new MetadataEntry(normalized, null, value));
        return this;
    }

    /// <summary>The last entry with this key, or null.</summary>
    public MetadataEntry? Get(string key)
    {
        var normalized = key.ToLowerInvariant();
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].Key == normalized)
            {
                return entries[i];
            }
        }

        return null;
    }

    /// <summary>The text value of the last entry with this key, or null.</summary>
    public string? GetValue(string key) => Get(key)?.Value;

    /// <summary>The binary value of the last entry with this key, or null.</summary>
    public byte[]? GetBytes(string key) => Get(key)?.ValueBytes.ToArray();

    /// <summary>Every entry with this key, in order.</summary>
    public IEnumerable<MetadataEntry> GetAll(string key)
    {
        var normalized = key.ToLowerInvariant();
        return entries.Where(e => e.Key == normalized);
    }

    /// <summary>Removes every entry with this key; returns whether any was removed.</summary>
    public bool Remove(string key)
    {
        var normalized = key.ToLowerInvariant();
        return entries.RemoveAll(e => e.Key == normalized) > 0;
    }

    /// <inheritdoc />
    public IEnumerator<MetadataEntry> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddEntry(MetadataEntry entry) => entries.Add(entry);

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.'))
            {
                throw new ArgumentException($"Metadata key '{key}' has a character outside [a-z0-9-_.].", nameof(key));
            }
        }

        return lower;
    }
}
