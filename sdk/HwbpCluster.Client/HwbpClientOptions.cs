using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Client;

/// <summary>Options of an <see cref="HwbpClient"/>.</summary>
public sealed class HwbpClientOptions
{
    /// <summary>The bearer token sent with every call as "authorization: Bearer ..."; null or empty sends none.</summary>
    /// <remarks>A node listening on loopback without a token file accepts calls without a token.</remarks>
    public string? BearerToken { get; set; }

    /// <summary>The deadline of each unary call; null for none.</summary>
    /// <remarks>Default 30 seconds. Streams (watches) never get a deadline: they run until cancelled or until the session ends.</remarks>
    public TimeSpan? DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for deadlines and for session lease renewal; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>For https:// nodes: the CA their certificates must chain to, instead of the machine's trusted roots; null = the machine's.</summary>
    public X509Certificate2? TrustedCertificateAuthority { get; set; }

    /// <summary>For https:// nodes that require client certificates (mutual TLS): this client's certificate, with its private key.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>An HTTP/2 handler to send calls with instead of the client's own (tests, proxies); not disposed by the client.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
