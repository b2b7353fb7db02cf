using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Testing;

/// <summary>
/// A certificate authority made by the test, for cluster mutual TLS: it issues node certificates (server and client use, since
/// every node is both on cluster connections), in memory with their keys or as PEM files.
/// </summary>
public sealed class TestAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestAuthority(string name)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>The CA's own certificate (what nodes trust), without its key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A node certificate for <paramref name="node"/>, with its private key, usable by SslStream on either side.</summary>
    public X509Certificate2 Issue(string node) => IssuePair(node).Certificate;

    /// <summary>Writes the CA certificate as PEM into <paramref name="folder"/>; returns its path.</summary>
    public string WriteCa(string folder)
    {
        var path = Path.Combine(folder, $"{Certificate.GetNameInfo(X509NameType.SimpleName, false)}.ca.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>Issues a certificate for <paramref name="node"/> and writes it and its key as PEM into <paramref name="folder"/>.</summary>
    public (string Cert, string Key) WriteNode(string folder, string node)
    {
        var (certificate, nodeKey) = IssuePair(node);
        var paths = (Path.Combine(folder, $"{node}.pem"), Path.Combine(folder, $"{node}.key"));
        File.WriteAllText(paths.Item1, certificate.ExportCertificatePem());
        File.WriteAllText(paths.Item2, nodeKey);
        certificate.Dispose();
        return paths;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        key.Dispose();
    }

    private (X509Certificate2 Certificate, string KeyPem) IssuePair(string node)
    {
        using var nodeKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={node}", nodeKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(key),
            DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(nodeKey);

        // Reloaded from PKCS#12 so the key is a persisted one SslStream can use, not an ephemeral one.
        return (X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null), nodeKey.ExportPkcs8PrivateKeyPem());
    }
}
