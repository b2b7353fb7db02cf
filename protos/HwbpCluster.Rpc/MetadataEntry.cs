namespace HwbpCluster.Rpc;

/// <summary>One metadata entry: a lower-case key with a text value, or a binary value when the key ends in "-bin".</summary>
public sealed class MetadataEntry
{
    private readonly string? text;
    private readonly byte[]? bytes;

    internal MetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        this.text = text;
        this.bytes = bytes;
    }

    /// <summary>The key, lower case.</summary>
    public string Key { get; }

    /// <summary>True when the key ends in "-bin" and the value is binary (base64 on the wire).</summary>
    public bool IsBinary => bytes is not null;

    /// <summary>The text value; for a binary entry, its base64 form.</summary>
    public string Value => text ?? Convert.ToBase64String(bytes!);

    /// <summary>The binary value; for a text entry, its ASCII bytes.</summary>
    public ReadOnlyMemory<byte> ValueBytes => bytes ?? System.Text.Encoding.ASCII.GetBytes(text!);

    /// <inheritdoc />
    public override string ToString() => $"{Key}: {Value}";
}
