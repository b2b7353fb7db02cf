using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HwbpCluster.Cluster;
using HwbpCluster.Node.Options;

namespace HwbpCluster.Node.Hosting;

/// <summary>The node's cluster TLS from <c>--cluster-tls-cert</c>, <c>--cluster-tls-key</c> and <c>--cluster-tls-ca</c>.</summary>
internal static class ClusterCertificates
{
    /// <summary>The cluster TLS the options name, or null when they name none.</summary>
    /// <exception cref="InvalidDataException">A file cannot be read as what it should be; the message names the switch and the file.</exception>
    public static ClusterTls? Load(HwbpNodeOptions options)
    {
        if (string.IsNullOrEmpty(options.ClusterTlsCert) || string.IsNullOrEmpty(options.ClusterTlsCa))
        {
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = NodeTls.LoadCertificate(options.ClusterTlsCert, string.IsNullOrEmpty(options.ClusterTlsKey) ? null : options.ClusterTlsKey);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException)
        {
            throw new InvalidDataException($"--cluster-tls-cert '{options.ClusterTlsCert}': not a PEM certificate with its key, " +
                $"nor PKCS#12 without a password: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidDataException($"--cluster-tls-cert '{options.ClusterTlsCert}' has no private key (give --cluster-tls-key)");
        }

        try
        {
            return new ClusterTls(certificate, X509CertificateLoader.LoadCertificateFromFile(options.ClusterTlsCa));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidDataException($"--cluster-tls-ca '{options.ClusterTlsCa}' is not a certificate: {ex.Message}", ex);
        }
    }
}
