using Google.Protobuf;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Client.Internal;

/// <summary>Writes request messages of a streaming call into its duplex body.</summary>
internal sealed class RequestStreamWriter<TRequest, TResponse>(ClientCall<TResponse> call, DuplexRequestContent content)
    : IClientStreamWriter<TRequest>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private bool completed;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (completed)
        {
            throw new InvalidOperationException("The request stream is already complete.");
        }

        var framed = MessageFraming.ToArray(message);
        var ready = content.Stream;
        if (!ready.IsCompleted)
        {
            await Task.WhenAny(ready, call.Finished).WaitAsync(cancellationToken);
        }

        if (!ready.IsCompletedSuccessfully)
        {
            throw call.WriteFailure(null);
        }

        try
        {
            var stream = await ready;
            await stream.WriteAsync(framed, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not RpcException && !cancellationToken.IsCancellationRequested)
        {
            throw call.WriteFailure(ex);
        }
    }

    public Task CompleteAsync()
    {
        completed = true;
        content.Complete();
        return Task.CompletedTask;
    }
}
