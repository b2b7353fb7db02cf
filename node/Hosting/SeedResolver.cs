using HwbpCluster.Client;

namespace HwbpCluster.Node.Hosting;

/// <summary>Learns the seeds' cluster (Akka) addresses from the seeds themselves over hwbp.v1, so users give gRPC addresses only.</summary>
internal static class SeedResolver
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The cluster addresses of the seeds that answer, in seed order; this node's own address stands for itself.</summary>
    public static async Task<IReadOnlyList<string>> ResolveAsync(
        IReadOnlyList<Uri> seeds, Uri self, string selfClusterAddress, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(seeds.Select(seed => IsSelf(seed, self)
            ? Task.FromResult<string?>(selfClusterAddress)
            : AskAsync(seed, cancellationToken)));
        return [.. answers.OfType<string>()];
    }

    /// <summary>Whether <paramref name="seed"/> names this node (same host and port as where it serves gRPC).</summary>
    public static bool IsSelf(Uri seed, Uri self) =>
        seed.Port == self.Port && (string.Equals(seed.Host, self.Host, StringComparison.OrdinalIgnoreCase) || (seed.IsLoopback && self.IsLoopback));

    private static async Task<string?> AskAsync(Uri seed, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = HwbpClient.Connect(seed);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AskTimeout);
            var members = await client.ListMembersAsync(timeout.Token);
            var address = members.Members.FirstOrDefault(m => m.Node == members.Self)?.ClusterAddress;
            return string.IsNullOrEmpty(address) ? null : address;
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException or HttpRequestException)
        {
            // Not up yet, or not a cluster member yet: the caller asks again.
            return null;
        }
    }
}
