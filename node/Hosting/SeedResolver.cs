using HwbpCluster.Client;
using HwbpCluster.Cluster;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Hosting;

/// <summary>Learns the seeds' cluster (Akka) addresses from the seeds themselves over hwbp.v1, so users give gRPC addresses only.</summary>
internal static class SeedResolver
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The cluster addresses of the seeds that answer, in seed order; this node's own address stands for itself.</summary>
    /// <param name="seeds">The seeds' gRPC addresses.</param>
    /// <param name="self">This node's gRPC address.</param>
    /// <param name="selfClusterAddress">This node's cluster address.</param>
    /// <param name="asking">How to reach seeds with tokens or TLS: the token, the seeds' CA, this node's client certificate.</param>
    /// <param name="cancellationToken">Stops asking.</param>
    public static async Task<IReadOnlyList<string>> ResolveAsync(
        IReadOnlyList<Uri> seeds, Uri self, string selfClusterAddress, HwbpClientOptions asking, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(seeds.Select(seed => IsSelf(seed, self)
            ? Task.FromResult<string?>(selfClusterAddress)
            : AskAsync(seed, asking, cancellationToken)));
        return [.. answers.OfType<string>()];
    }

    /// <summary>Whether <paramref name="seed"/> names this node (same host and port as where it serves gRPC).</summary>
    public static bool IsSelf(Uri seed, Uri self) =>
        seed.Port == self.Port && (string.Equals(seed.Host, self.Host, StringComparison.OrdinalIgnoreCase) || (seed.IsLoopback && self.IsLoopback));

    /// <summary>The SDK options to ask seeds with: <c>--seed-token</c>, <c>--seed-ca</c>, and the node's own certificate for mutual TLS.</summary>
    public static HwbpClientOptions Asking(Options.HwbpNodeOptions options) => new()
    {
        BearerToken = options.SeedToken,
        TrustedCertificateAuthority = string.IsNullOrEmpty(options.SeedCa)
            ? null
            : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(options.SeedCa),
        ClientCertificate = string.IsNullOrEmpty(options.TlsCert) || string.IsNullOrEmpty(options.TlsKey)
            ? null
            : System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(options.TlsCert, options.TlsKey),
    };

    /// <summary>How every other seed that answers sees its cluster, to find a cluster a healed split left beside this node's.</summary>
    /// <param name="seeds">The seeds' gRPC addresses.</param>
    /// <param name="self">This node's gRPC address (not asked).</param>
    /// <param name="asking">How to reach seeds with tokens or TLS.</param>
    /// <param name="cancellationToken">Stops asking.</param>
    public static async Task<IReadOnlyList<SeedView>> ViewsAsync(
        IReadOnlyList<Uri> seeds, Uri self, HwbpClientOptions asking, CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(seeds.Where(seed => !IsSelf(seed, self)).Select(seed => ListAsync(seed, asking, cancellationToken)));
        return [.. answers.OfType<ListMembersResponse>().Select(View)];
    }

    private static async Task<string?> AskAsync(Uri seed, HwbpClientOptions asking, CancellationToken cancellationToken)
    {
        var members = await ListAsync(seed, asking, cancellationToken);
        var address = members?.Members.FirstOrDefault(m => m.Node == members.Self)?.ClusterAddress;
        return string.IsNullOrEmpty(address) ? null : address;
    }

    // Whom the seed counts in its cluster: Up or Leaving members it reaches. A seed that is no member of any cluster yet (no
    // cluster address) counts nobody.
    private static SeedView View(ListMembersResponse members)
    {
        var self = members.Members.FirstOrDefault(m => m.Node == members.Self);
        if (self is null || string.IsNullOrEmpty(self.ClusterAddress))
        {
            return new SeedView(members.Self, default, SelfUp: false, [], []);
        }

        var island = members.Members
            .Where(m => m.Reachable && m.Status is MemberStatus.Up or MemberStatus.Leaving)
            .Select(Id)
            .ToList();
        return new SeedView(members.Self, Id(self), self.Status == MemberStatus.Up, island, [.. members.Members.Select(Id)]);
    }

    private static MemberId Id(Member member) => new(member.ClusterAddress, member.ClusterUid);

    private static async Task<ListMembersResponse?> ListAsync(Uri seed, HwbpClientOptions asking, CancellationToken cancellationToken)
    {
        try
        {
            await using var client = HwbpClient.Connect(seed, asking);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(AskTimeout);
            return await client.ListMembersAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException or HttpRequestException)
        {
            // Not up yet, not a cluster member yet, or cut off: the caller asks again.
            return null;
        }
    }
}
