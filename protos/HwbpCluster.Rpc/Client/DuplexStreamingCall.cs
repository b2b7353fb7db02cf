using Google.Protobuf;
using HwbpCluster.Rpc.Client.Internal;

namespace HwbpCluster.Rpc.Client;

/// <summary>A running bidirectional call: request writer, response reader, headers, final status and trailers.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <remarks>Dispose it to cancel the call (the stream is reset) if it has not ended.</remarks>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IAsyncDisposable, IDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TResponse> call;
    private readonly DuplexRequestContent content;

    internal DuplexStreamingCall(ClientCall<TResponse> call, DuplexRequestContent content)
    {
        this.call = call;
        this.content = content;
        RequestStream = new RequestStreamWriter<TRequest, TResponse>(call, content);
        ResponseStream = new ResponseStreamReader<TResponse>(call);
    }

    /// <summary>Writes request messages; call <see cref="IClientStreamWriter{T}.CompleteAsync"/> when done.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response messages; <see cref="IAsyncStreamReader{T}.MoveNextAsync"/> throws <see cref="RpcException"/> on a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The response headers' custom metadata, once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => CallResults.HeadersAsync(call);

    /// <summary>The final status; only after the response stream ended.</summary>
    /// <exception cref="InvalidOperationException">The call has not ended yet.</exception>
    public Status GetStatus() => CallResults.Status(call);

    /// <summary>The final status if the call has ended (e.g. refused Trailers-Only, seen once the headers arrived).</summary>
    /// <returns>True when <paramref name="status"/> is the final status; false while the call is still running.</returns>
    public bool TryGetStatus(out Status status) => CallResults.TryStatus(call, out status);

    /// <summary>The trailing metadata; only after the response stream ended.</summary>
    /// <exception cref="InvalidOperationException">The call has not ended yet.</exception>
    public Metadata GetTrailers() => CallResults.Trailers(call);

    /// <inheritdoc />
    public void Dispose()
    {
        call.Dispose();
        content.Abort();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
