using System.Globalization;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace HwbpCluster.Client;

/// <summary>A live server stream (a watch) that the node has answered: events it sends from now on are delivered.</summary>
/// <typeparam name="T">The event message type.</typeparam>
/// <remarks>
/// Enumerate it once. It ends when the session ends (closed or lease expired) or the node stops; a non-OK end throws
/// <see cref="RpcException"/>, cancelling the enumeration throws <see cref="OperationCanceledException"/>. A watch the node
/// refuses at once (e.g. NOT_FOUND for an unknown session) throws its status from the first read.
/// Dispose it to stop watching.
/// </remarks>
public sealed class HwbpStream<T> : IAsyncEnumerable<T>, IAsyncDisposable
    where T : class, IMessage<T>, new()
{
    private const string DroppedTrailer = "hwbp-dropped";
    private readonly AsyncServerStreamingCall<T> call;
    private int enumerated;

    internal HwbpStream(AsyncServerStreamingCall<T> call) => this.call = call;

    /// <summary>How many events the node dropped because this stream was read too slowly; known once the stream has ended.</summary>
    public long? Dropped { get; private set; }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The stream is already being (or was) enumerated.</exception>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Interlocked.Exchange(ref enumerated, 1) == 0
            ? ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken)
            : throw new InvalidOperationException("A stream can be enumerated only once.");

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }

    private async IAsyncEnumerable<T> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await call.ResponseStream.MoveNext(cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(ex.Status.Detail, ex, cancellationToken);
            }

            if (!more)
            {
                break;
            }

            yield return call.ResponseStream.Current;
        }

        var trailer = call.GetTrailers().GetValue(DroppedTrailer);
        Dropped = long.TryParse(trailer, NumberStyles.None, CultureInfo.InvariantCulture, out var dropped) ? dropped : 0;
    }
}
