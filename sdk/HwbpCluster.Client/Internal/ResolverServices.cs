using Grpc.Net.Client.Balancer;

namespace HwbpCluster.Client.Internal;

/// <summary>The services a balancing channel asks its <c>ServiceProvider</c> for: just our resolver (the SDK has no DI container).</summary>
internal sealed class ResolverServices(ResolverFactory resolver) : IServiceProvider
{
    public object? GetService(Type serviceType) =>
        serviceType == typeof(IEnumerable<ResolverFactory>) ? new[] { resolver }
        : serviceType == typeof(ResolverFactory) ? resolver
        : null;
}
