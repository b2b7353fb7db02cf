using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace HwbpCluster.Cluster.Internal;

/// <summary>
/// Decides whether a peer's certificate is admitted on a cluster connection: it must chain to the cluster's CA alone. Akka
/// asks on both sides of every TLS handshake (the server about the client and the client about the server), so a node that
/// is refused never associates, never joins, and each refusal is logged here with the peer and the reason.
/// </summary>
internal sealed class PeerCertificates(X509Certificate2 authority, ILogger logger)
{
    /// <summary>Akka's <c>CertificateValidationCallback</c>: true admits the peer.</summary>
    /// <remarks>
    /// <paramref name="errors"/> is the platform's verdict against the machine's roots, which do not hold a private cluster
    /// CA and would also flag the name mismatch of an address-based connection; the chain is built again here, to the CA.
    /// </remarks>
    public bool Admit(X509Certificate2? certificate, X509Chain? chain, string peer, SslPolicyErrors errors, ILoggingAdapter log)
    {
        var refusal = Refusal(certificate);
        if (refusal is not null)
        {
            ClusterLog.PeerRefused(logger, peer, refusal);
        }

        return refusal is null;
    }

    /// <summary>Why <paramref name="certificate"/> is refused, or null when it chains to the cluster CA.</summary>
    public string? Refusal(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return "it presented no certificate";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
        {
            return null;
        }

        var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"its certificate '{certificate.Subject}' (issued by '{certificate.Issuer}') does not chain to the cluster CA '{authority.Subject}'"
            + (status.Length > 0 ? $": {status}" : string.Empty);
    }
}
