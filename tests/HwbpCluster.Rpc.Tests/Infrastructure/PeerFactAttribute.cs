using Xunit.Sdk;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>A fact of a contract test base: skipped, with the reason, in subclasses whose peer is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("HwbpCluster.Rpc.Tests.Infrastructure.PeerFactDiscoverer", "HwbpCluster.Rpc.Tests")]
public sealed class PeerFactAttribute : FactAttribute;
