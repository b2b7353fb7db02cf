namespace HwbpCluster.Rpc;

/// <summary>The outcome of a call: a status code and an optional human-readable detail.</summary>
/// <param name="StatusCode">The status code.</param>
/// <param name="Detail">The detail text (sent percent-encoded as grpc-message); empty when there is none.</param>
public readonly record struct Status(StatusCode StatusCode, string Detail)
{
    /// <summary>The successful status.</summary>
    public static Status Ok { get; } = new(StatusCode.OK, string.Empty);

    /// <inheritdoc />
    public override string ToString() =>
        Detail.Length == 0 ? $"Status({StatusCode})" : $"Status({StatusCode}, \"{Detail}\")";
}
