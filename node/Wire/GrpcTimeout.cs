namespace HwbpCluster.Node.Wire;

/// <summary>The <c>grpc-timeout</c> header's syntax (gRPC over HTTP/2): 1 to 8 ASCII digits, then one unit of H, M, S, m, u, n.</summary>
internal static class GrpcTimeout
{
    public static bool IsValid(string value) =>
        value.Length is >= 2 and <= 9
        && "HMSmun".Contains(value[^1], StringComparison.Ordinal)
        && value[..^1].All(char.IsAsciiDigit);
}
