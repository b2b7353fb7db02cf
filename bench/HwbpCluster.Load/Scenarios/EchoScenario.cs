using Grpc.Net.Client;
using HwbpCluster.Load.V1;

namespace HwbpCluster.Load.Scenarios;

/// <summary>Unary calls of the empty hwbp.load.v1.Echo through Grpc.Net.Client to a server a subclass starts: the gRPC path alone.</summary>
public abstract class EchoScenario : LoadScenario
{
    private static readonly EchoMessage Request = new();
    private GrpcChannel? channel;
    private Echo.EchoClient? client;

    /// <summary>Starts the server and returns its loopback address.</summary>
    protected abstract Task<Uri> StartServerAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public override async Task SetupAsync(CancellationToken cancellationToken)
    {
        channel = GrpcChannel.ForAddress(await StartServerAsync(cancellationToken));
        client = new Echo.EchoClient(channel);

        // The first call opens the connection; it is not part of any measurement.
        await CallAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override async Task CallAsync(CancellationToken cancellationToken) =>
        await client!.EchoAsync(Request, cancellationToken: cancellationToken);

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        channel?.Dispose();
        await base.DisposeAsync();
    }
}
