using HwbpCluster.Rpc.Tests.Infrastructure;

namespace HwbpCluster.Rpc.Tests.Client;

/// <summary>The channel contract against a python3-grpcio server.</summary>
public sealed class ChannelToPythonServerTests(PythonGrpcServer server) : ChannelContract, IClassFixture<PythonGrpcServer>, IPythonPeerTests
{
    protected override Task<Uri> StartServerAsync() => Task.FromResult(server.Address ?? new Uri("http://127.0.0.1:1"));
}
