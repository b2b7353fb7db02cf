using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Cli.Internal;

/// <summary>The TLS files the command line names, loaded for the SDK; a file that cannot be read is a usage error.</summary>
internal static class TlsFiles
{
    public static X509Certificate2? Ca(string? path) => string.IsNullOrEmpty(path) ? null : Load(path, () => X509CertificateLoader.LoadCertificateFromFile(path));

    public static X509Certificate2? ClientCertificate(FileInfo? cert, FileInfo? key) => (cert, key) switch
    {
        (null, null) => null,
        ({ } c, { } k) => Load(c.FullName, () => X509Certificate2.CreateFromPemFile(c.FullName, k.FullName)),
        _ => throw new UsageException("--cert and --key go together"),
    };

    private static X509Certificate2 Load(string path, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {ex.Message}", ex);
        }
    }
}
