using Xunit.Abstractions;
using Xunit.Sdk;

namespace HwbpCluster.Rpc.Tests.Infrastructure;

/// <summary>Discovers <see cref="PeerFactAttribute"/> tests, skipping those of <see cref="IPythonPeerTests"/> classes when python3-grpcio is missing.</summary>
public sealed class PeerFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var needsPython = typeof(IPythonPeerTests).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        yield return needsPython && PythonGrpc.Missing is { } reason
            ? new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)
            : new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}
