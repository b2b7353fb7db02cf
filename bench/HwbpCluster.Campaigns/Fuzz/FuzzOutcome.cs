using Grpc.Core;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>What the node answered to one fuzz case.</summary>
/// <param name="GrpcStatus">grpc-status from the headers or trailers; null when there was none.</param>
/// <param name="HttpStatus">The HTTP status; 0 when no response came.</param>
/// <param name="Message">grpc-message, or the transport error.</param>
/// <param name="StreamOpen">A watch that was still streaming when the fuzzer hung up (the expected end of a valid watch).</param>
/// <param name="TransportError">The exchange failed below gRPC (connection reset, protocol error, no answer in time).</param>
/// <param name="Response">The first response message, uncompressed; empty when none.</param>
public sealed record FuzzOutcome(int? GrpcStatus, int HttpStatus, string Message, bool StreamOpen, bool TransportError, byte[] Response)
{
    /// <summary>A short label for the tallies: a gRPC status name, "http-NNN", "stream-open" or "transport".</summary>
    public string Label => TransportError ? "transport"
        : StreamOpen ? "stream-open"
        : GrpcStatus is { } code ? ((StatusCode)code).ToString()
        : $"http-{HttpStatus}";

    /// <summary>Why this answer is a failure of the node, or null when it is an acceptable answer to whatever was sent.</summary>
    public string? Failure() =>
        TransportError ? $"no gRPC answer: {Message}"
        : GrpcStatus == (int)StatusCode.Unknown ? $"UNKNOWN: {Message}"
        : GrpcStatus is null && !StreamOpen && HttpStatus >= 500 ? $"HTTP {HttpStatus} without grpc-status"
        : null;
}
