using HwbpCluster.Rpc.Tests.Infrastructure;

namespace HwbpCluster.Rpc.Tests.Client;

/// <summary>The channel contract against our own server on Kestrel, port 0.</summary>
public sealed class ChannelToOurServerTests : ChannelContract
{
    private KestrelGrpcServer? server;

    protected override async Task<Uri> StartServerAsync()
    {
        server = await KestrelGrpcServer.StartAsync();
        return server.Address;
    }

    protected override async Task StopServerAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();

            // Every contract scenario is a normal gRPC outcome: none may log an error on the server.
            Assert.Empty(server.ErrorLogs.Errors);
        }
    }
}
