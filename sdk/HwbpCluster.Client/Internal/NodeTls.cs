using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Client.Internal;

/// <summary>The HTTP handler for TLS settings beyond the defaults: a private CA to trust, a client certificate to present.</summary>
internal static class NodeTls
{
    /// <summary>A handler for <paramref name="options"/>' CA and client certificate; null when neither is set (the channel's own).</summary>
    public static HttpMessageHandler? Handler(HwbpClientOptions options)
    {
        if (options.TrustedCertificateAuthority is null && options.ClientCertificate is null)
        {
            return null;
        }

        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (options.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        if (options.TrustedCertificateAuthority is { } ca)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                presented is X509Certificate2 node && ChainsTo(node, ca, errors);
        }

        return handler;
    }

    // Name mismatches and missing certificates still fail; only the root is replaced by the given CA.
    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca, SslPolicyErrors errors)
    {
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
