using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>The watches: hits and reservation changes of a session.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Arbiter.WatchHits as a sequence; the watch starts on the first MoveNextAsync and ends with the session.</summary>
    public IAsyncEnumerable<HitEvent> WatchHitsAsync(WatchHitsRequest request, CancellationToken cancellationToken = default) =>
        ReadAllAsync(request, arbiter.WatchHits, cancellationToken);

    /// <summary>Starts Arbiter.WatchHits and returns once the node has answered, so no later hit is missed.</summary>
    public Task<HwbpStream<HitEvent>> StartWatchHitsAsync(WatchHitsRequest request, CancellationToken cancellationToken = default) =>
        StartStreamAsync(request, arbiter.WatchHits, cancellationToken);

    /// <summary>Arbiter.WatchReservations as a sequence; the watch starts on the first MoveNextAsync and ends with the session.</summary>
    public IAsyncEnumerable<ReservationEvent> WatchReservationsAsync(
        WatchReservationsRequest request, CancellationToken cancellationToken = default) =>
        ReadAllAsync(request, arbiter.WatchReservations, cancellationToken);

    /// <summary>Starts Arbiter.WatchReservations and returns once the node has answered.</summary>
    public Task<HwbpStream<ReservationEvent>> StartWatchReservationsAsync(
        WatchReservationsRequest request, CancellationToken cancellationToken = default) =>
        StartStreamAsync(request, arbiter.WatchReservations, cancellationToken);

    private async IAsyncEnumerable<TResponse> ReadAllAsync<TRequest, TResponse>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncServerStreamingCall<TResponse>> start,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var stream = await StartStreamAsync(request, start, cancellationToken);
        await foreach (var item in stream.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }
}
