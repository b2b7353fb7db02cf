using Google.Protobuf;
using HwbpCluster.Rpc.Client.Internal;

namespace HwbpCluster.Rpc.Client;

/// <summary>A running server-streaming call: its response stream, headers, and final status and trailers.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
/// <remarks>Dispose it to cancel the call (the stream is reset) if it has not ended.</remarks>
public sealed class ServerStreamingCall<TResponse> : IAsyncDisposable, IDisposable
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TResponse> call;

    internal ServerStreamingCall(ClientCall<TResponse> call)
    {
        this.call = call;
        ResponseStream = new ResponseStreamReader<TResponse>(call);
    }

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
    public void Dispose() => call.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }
}
