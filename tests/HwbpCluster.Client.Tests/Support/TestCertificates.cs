using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Client.Tests.Support;

/// <summary>A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, written as PEM files to a temp folder.</summary>
internal sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Folder = Directory.CreateTempSubdirectory("hwbp-tls-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=hwbp test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        Ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CaPath, Ca.ExportCertificatePem());

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        Server = Issue("CN=127.0.0.1", names.Build(), serverAuth: true, ServerCertPath, ServerKeyPath);
        Client = Issue("CN=hwbp test client", null, serverAuth: false, ClientCertPath, ClientKeyPath);
    }

    public string Folder { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    /// <summary>The client's certificate, with its private key.</summary>
    public X509Certificate2 Client { get; }

    public string CaPath => Path.Combine(Folder, "ca.pem");

    public string ServerCertPath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public string ClientCertPath => Path.Combine(Folder, "client.pem");

    public string ClientKeyPath => Path.Combine(Folder, "client.key");

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private X509Certificate2 Issue(string subject, X509Extension? names, bool serverAuth, string certPath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        var usage = serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2");
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        using var issued = request.Create(Ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        File.WriteAllText(certPath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
