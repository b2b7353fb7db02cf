using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace HwbpCluster.Client.Internal;

/// <summary>The client's one channel: a static list of nodes, pick-first with failover, and the retry policy of safe calls.</summary>
internal static class NodeChannel
{
    private const string StaticTarget = "static:///hwbp-nodes";

    // The services' full names as literals: reading them from the generated descriptors (Arbiter.Descriptor.FullName)
    // builds the reflection descriptors of every message of both proto files, which a one-shot `hwbp health` paid for at
    // start-up and never used. Client tests check the literals against the descriptors.
    internal const string ArbiterService = "hwbp.v1.Arbiter";
    internal const string FleetService = "hwbp.v1.Fleet";
    internal const string HealthService = "grpc.health.v1.Health";

    /// <summary>Calls that change nothing, or change nothing the second time: retried on UNAVAILABLE. Never Reserve or Modify.</summary>
    private static readonly MethodName[] Safe =
    [
        Name(ArbiterService, "KeepAlive"),
        Name(ArbiterService, "CloseSession"),
        Name(ArbiterService, "ListReservations"),
        Name(ArbiterService, "GetHost"),
        Name(FleetService, "ListMembers"),
        Name(HealthService, "Check"),
    ];

    /// <summary>A channel over <paramref name="addresses"/>, sending through <paramref name="handler"/> when given (not disposed).</summary>
    public static GrpcChannel Create(IReadOnlyList<Uri> addresses, HttpMessageHandler? handler)
    {
        if (addresses.Count == 0)
        {
            throw new ArgumentException("name at least one node address", nameof(addresses));
        }

        var schemes = addresses.Select(a => a.Scheme).Distinct().ToArray();
        if (schemes.Length != 1 || schemes[0] is not ("http" or "https"))
        {
            throw new ArgumentException(
                $"node addresses are all http or all https, e.g. http://127.0.0.1:7070; got {string.Join(", ", addresses)}", nameof(addresses));
        }

        var options = new GrpcChannelOptions
        {
            ServiceConfig = RetrySafeCalls(),
            HttpHandler = handler,
        };
        if (addresses.Count == 1)
        {
            return GrpcChannel.ForAddress(addresses[0], options);
        }

        // Several nodes: a static resolver hands pick-first the whole list, so a node that goes away is replaced by the next.
        var nodes = addresses.Select(a => new BalancerAddress(a.Host, a.Port)).ToArray();
        options.ServiceProvider = new ResolverServices(new StaticResolverFactory(_ => nodes));
        options.Credentials = schemes[0] == "https" ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        return GrpcChannel.ForAddress(StaticTarget, options);
    }

    private static ServiceConfig RetrySafeCalls()
    {
        var safe = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = 3,
                InitialBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var name in Safe)
        {
            safe.Names.Add(name);
        }

        return new ServiceConfig { MethodConfigs = { safe } };
    }

    private static MethodName Name(string service, string method) => new() { Service = service, Method = method };
}
