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

        https.ServerCertificate = LoadCertificate(options.TlsCert, options.TlsKey);
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

    /// <summary>A certificate with its private key: PEM (the key in <paramref name="keyPath"/>, or in the same file when null) or PKCS#12 without a password.</summary>
    /// <remarks>SslStream on Linux needs the key exported into a certificate it can use; PEM-loaded keys are ephemeral.</remarks>
    public static X509Certificate2 LoadCertificate(string certPath, string? keyPath)
    {
        if (!File.ReadAllText(certPath).Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(certPath, null);
        }

        using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
