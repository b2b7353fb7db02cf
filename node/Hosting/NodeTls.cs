using System.Security.Cryptography.X509Certificates;
using HwbpCluster.Node.Options;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace HwbpCluster.Node.Hosting;

/// <summary>
/// TLS for the node's https:// endpoints: its certificate from PEM files, and with a client CA, mutual TLS (every client
/// presents a certificate that CA issued). gRPC endpoints are HTTP/2 only, so ALPN offers h2.
/// </summary>
internal static class NodeTls
{
    /// <summary>Applies the options' TLS settings to every https endpoint.</summary>
    public static void Configure(HttpsConnectionAdapterOptions https, HwbpNodeOptions options)
    {
        if (string.IsNullOrEmpty(options.TlsCert) || string.IsNullOrEmpty(options.TlsKey))
        {
            return;
        }

        https.ServerCertificate = LoadServerCertificate(options.TlsCert, options.TlsKey);
        if (!string.IsNullOrEmpty(options.TlsClientCa))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(options.TlsClientCa);
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, ca);
        }
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> alone (not to the machine's roots).</summary>
    public static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    // Kestrel on Linux needs the key exported into a certificate it can use for SslStream; PEM-loaded keys are ephemeral.
    private static X509Certificate2 LoadServerCertificate(string certPath, string keyPath)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
