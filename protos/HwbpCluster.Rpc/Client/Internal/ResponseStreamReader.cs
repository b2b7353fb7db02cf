using Google.Protobuf;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>The response messages of a streaming call.</summary>
internal sealed class ResponseStreamReader<TResponse>(ClientCall<TResponse> call) : IAsyncStreamReader<TResponse>
    where TResponse : IMessage<TResponse>
{
    private TResponse? current;

    public TResponse Current => current ?? throw new InvalidOperationException("No current message: call MoveNextAsync first.");

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        var (read, message) = await call.ReadMessageAsync(cancellationToken);
        current = message;
        return read;
    }
}
