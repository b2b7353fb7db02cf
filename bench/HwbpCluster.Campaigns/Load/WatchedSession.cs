using System.Collections.Concurrent;
using System.Globalization;
using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Load;

/// <summary>
/// A session with its WatchReservations stream read all along: each cycle reserves then releases, and at the end every
/// reservation it made must have been seen released on the stream (or counted in the stream's hwbp-dropped trailer).
/// </summary>
public sealed class WatchedSession
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(30);
    private readonly Arbiter.ArbiterClient arbiter;
    private readonly ConcurrentDictionary<string, byte> made = new();
    private readonly ConcurrentDictionary<string, byte> seenReleased = new();
    private readonly CancellationTokenSource stopWatching = new();
    private Task<long> watching = Task.FromResult(0L);

    private WatchedSession(Arbiter.ArbiterClient arbiter, string id)
    {
        this.arbiter = arbiter;
        Id = id;
    }

    /// <summary>The session id.</summary>
    public string Id { get; }

    /// <summary>Reservations this session made.</summary>
    public int Made => made.Count;

    /// <summary>Opens a PERF session and its watch; returns once the watch's headers arrived, so it sees the first reservation.</summary>
    public static async Task<WatchedSession> OpenAsync(Arbiter.ArbiterClient arbiter, string name, uint ttlMs, CancellationToken cancellationToken)
    {
        var opened = await arbiter.OpenSessionAsync(
            new OpenSessionRequest { ClientKind = ClientKind.Perf, ClientName = name, TtlMs = ttlMs },
            deadline: DateTime.UtcNow + CallBound,
            cancellationToken: cancellationToken);
        var session = new WatchedSession(arbiter, opened.SessionId);
        var call = arbiter.WatchReservations(new WatchReservationsRequest { SessionId = session.Id }, cancellationToken: session.stopWatching.Token);
        await call.ResponseHeadersAsync.WaitAsync(CallBound, cancellationToken);
        session.watching = session.ReadAsync(call);
        return session;
    }

    /// <summary>Reserves a pinned write watchpoint on (<paramref name="host"/>, <paramref name="cpu"/>), keeps the session alive, releases it.</summary>
    public async Task CycleAsync(string host, uint cpu, CancellationToken cancellationToken)
    {
        var reservation = (await arbiter.ReserveAsync(
            new ReserveRequest
            {
                SessionId = Id,
                Host = host,
                Scope = new Scope { Cpu = new CpuTarget { Cpu = cpu } },
                Breakpoint = new Breakpoint { Address = 0x7f00_0000_1000 + (cpu * 8UL), Length = 8, Access = Access.Write },
                Pinned = true,
                Label = "campaign",
            },
            deadline: DateTime.UtcNow + CallBound,
            cancellationToken: cancellationToken)).Reservation;
        made.TryAdd(reservation.Id, 0);
        await arbiter.KeepAliveAsync(new KeepAliveRequest { SessionId = Id }, deadline: DateTime.UtcNow + CallBound, cancellationToken: cancellationToken);
        await arbiter.ReleaseAsync(
            new ReleaseRequest { SessionId = Id, ReservationId = reservation.Id }, deadline: DateTime.UtcNow + CallBound, cancellationToken: cancellationToken);
    }

    /// <summary>Closes the session, waits for its watch to end with it, and returns the reservations the watch never showed released.</summary>
    /// <returns>Made but neither seen released nor counted as dropped; 0 when the watch saw everything.</returns>
    public async Task<long> CloseAsync(CancellationToken cancellationToken)
    {
        await arbiter.CloseSessionAsync(new CloseSessionRequest { SessionId = Id }, deadline: DateTime.UtcNow + CallBound, cancellationToken: cancellationToken);
        long dropped;
        try
        {
            // The node ends every watch of a closed session; a bound keeps a lost end from hanging the campaign.
            dropped = await watching.WaitAsync(CallBound, cancellationToken);
        }
        finally
        {
            await stopWatching.CancelAsync();
            stopWatching.Dispose();
        }

        var unseen = made.Keys.Count(id => !seenReleased.ContainsKey(id));
        return Math.Max(0, unseen - dropped);
    }

    private async Task<long> ReadAsync(AsyncServerStreamingCall<ReservationEvent> call)
    {
        using (call)
        {
            await foreach (var e in call.ResponseStream.ReadAllAsync())
            {
                if (e.Reservation.State == ReservationState.Released)
                {
                    seenReleased.TryAdd(e.Reservation.Id, 0);
                }
            }

            var trailer = call.GetTrailers().GetValue("hwbp-dropped");
            return trailer is null ? 0 : long.Parse(trailer, CultureInfo.InvariantCulture);
        }
    }
}
