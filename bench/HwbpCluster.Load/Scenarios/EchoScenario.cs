using HwbpCluster.Load.V1;
using HwbpCluster.Rpc;
using HwbpCluster.Rpc.Client;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Unary calls of the empty hwbp.load.v1.Echo to a server a subclass starts: measures the gRPC path alone.</summary>
public abstract class EchoScenario : LoadScenario
{
    private static readonly Method<EchoMessage, EchoMessage> Echo =
        Method<EchoMessage, EchoMessage>.FromService(LoadReflection.Descriptor.Services[0], "Echo");

    private static readonly EchoMessage Request = new();
    private GrpcChannel? channel;

    /// <summary>Starts the server and returns its loopback address.</summary>
    protected abstract Task<Uri> StartServerAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        channel = GrpcChannel.ForAddress(await StartServerAsync(cancellationToken));

        // The first call opens the connection; it is not part of any measurement.
        await CallAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override Task CallAsync(CancellationToken cancellationToken) =>
        channel!.UnaryAsync(Echo, Request, new CallOptions(CancellationToken: cancellationToken));

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (channel is not null)
        {
            await channel.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
