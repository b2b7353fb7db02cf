using System.Net;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>What a raw HTTP/2 request got back: status, headers, trailers, body bytes.</summary>
public sealed record RawResponse(
    HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Trailers, byte[] Body)
{
    /// <summary>The grpc-status, from the trailers or, for Trailers-Only, from the headers.</summary>
    public StatusCode? GrpcStatus =>
        Trailers.TryGetValue("grpc-status", out var value) || Headers.TryGetValue("grpc-status", out value)
            ? (StatusCode)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
