namespace HwbpCluster.Rpc.Internal;

/// <summary>Metadata to and from HTTP/2 header values: "-bin" values as base64 (sent unpadded, read padded or not).</summary>
internal static class MetadataCodec
{
    public static string EncodeValue(MetadataEntry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes.Span).TrimEnd('=') : entry.Value;

    /// <summary>The custom metadata among received header fields (headers or trailers); protocol headers are left out.</summary>
    public static Metadata FromHeaders<TValues>(IEnumerable<KeyValuePair<string, TValues>> fields)
        where TValues : IEnumerable<string?>
    {
        var metadata = new Metadata();
        foreach (var (name, values) in fields)
        {
            AddHeader(metadata, name, values);
        }

        return metadata;
    }

    /// <summary>Adds the entries of one received header; binary headers may hold several comma-joined values.</summary>
    public static void AddHeader(Metadata metadata, string name, IEnumerable<string?> values)
    {
        if (GrpcProtocol.IsReservedHeader(name))
        {
            return;
        }

        var key = name.ToLowerInvariant();
        var binary = key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal);
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (!binary)
            {
                metadata.AddEntry(new MetadataEntry(key, value, null));
                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (TryDecodeBase64(part, out var bytes))
                {
                    metadata.AddEntry(new MetadataEntry(key, null, bytes));
                }
            }
        }
    }

    private static bool TryDecodeBase64(string value, out byte[] bytes)
    {
        var padded = (value.Length % 4) switch
        {
            2 => value + "==",
            3 => value + "=",
            _ => value,
        };
        bytes = new byte[(padded.Length / 4 * 3) + 3];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            Array.Resize(ref bytes, written);
            return true;
        }

        bytes = [];
        return false;
    }
}
