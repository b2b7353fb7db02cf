using System.Security.Cryptography.X509Certificates;

namespace HwbpCluster.Cluster;

/// <summary>Mutual TLS for cluster traffic: every connection, in either direction, shows both ends' certificates.</summary>
/// <param name="Certificate">This node's certificate, with its private key: what it presents to every peer.</param>
/// <param name="Authority">The CA every peer's certificate must chain to (and nothing else: not the machine's trusted roots).</param>
/// <remarks>Host names are not checked: nodes are reached by IP address and each has its own certificate; the CA is the trust.</remarks>
public sealed record ClusterTls(X509Certificate2 Certificate, X509Certificate2 Authority);
