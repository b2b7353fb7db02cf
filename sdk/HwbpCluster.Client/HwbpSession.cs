using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>An open session: renews its lease in the background, reserves, watches its events, and closes when disposed.</summary>
/// <remarks>
/// The lease is renewed with KeepAlive every third of its TTL on the client's <see cref="HwbpClientOptions.TimeProvider"/>.
/// A renewal that fails with UNAVAILABLE or DEADLINE_EXCEEDED is retried at the next tick while the lease may still hold;
/// any other failure (the node says the session is gone or expired) stops renewal for good: <see cref="LeaseLost"/> is cancelled
/// and <see cref="LeaseFailure"/> says why. The node then releases the session's reservations and ends its watches.
/// Disposing closes the session, which releases every reservation it holds.
/// </remarks>
public sealed partial class HwbpSession : IAsyncDisposable
{
    private readonly HwbpClient client;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly PeriodicTimer renewTimer;
    private readonly Task renewal;
    private long leaseExpiresTicks;
    private int closed;

    internal HwbpSession(HwbpClient client, string id, ClientKind kind, TimeSpan ttl)
    {
        this.client = client;
        Id = id;
        Kind = kind;
        Ttl = ttl;
        LeaseExpiresAt = client.Time.GetUtcNow() + ttl;
        renewTimer = new PeriodicTimer(RenewInterval(ttl), client.Time);
        renewal = RenewAsync();
    }

    /// <summary>The session's id, as the node gave it.</summary>
    public string Id { get; }

    /// <summary>The kind of client the session speaks for.</summary>
    public ClientKind Kind { get; }

    /// <summary>The lease the node granted.</summary>
    public TimeSpan Ttl { get; private set; }

    /// <summary>When the lease runs out unless renewed, by the client's clock (measured from when the last renewal was sent).</summary>
    public DateTimeOffset LeaseExpiresAt
    {
        get => new(Interlocked.Read(ref leaseExpiresTicks), TimeSpan.Zero);
        private set => Interlocked.Exchange(ref leaseExpiresTicks, value.UtcTicks);
    }

    /// <summary>Cancelled when renewal has failed for good; the node has released (or will release) everything the session held.</summary>
    public CancellationToken LeaseLost => lost.Token;

    /// <summary>Why renewal failed for good, or null while the lease is kept.</summary>
    public RpcException? LeaseFailure { get; private set; }

    /// <summary>Closes the session on the node, releasing every reservation it holds; returns how many were released.</summary>
    /// <exception cref="RpcException">The node refused or could not be reached (its lease will still run out on its own).</exception>
    public async Task<uint> CloseAsync(CancellationToken cancellationToken = default)
    {
        await StopRenewingAsync();
        if (Interlocked.Exchange(ref closed, 1) != 0)
        {
            return 0;
        }

        return (await client.CloseSessionAsync(new CloseSessionRequest { SessionId = Id }, cancellationToken)).Released;
    }

    /// <summary>Stops renewing and closes the session, releasing every reservation; a session the node has already ended is fine.</summary>
    /// <remarks>Never throws for the node's answer: if the close cannot reach the node, the lease runs out there on its own.</remarks>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        catch (RpcException)
        {
            // Already gone (NOT_FOUND, FAILED_PRECONDITION) or unreachable: the node's lease timer releases everything.
        }

        // lost stays undisposed on purpose: LeaseLost may still be read after disposal, and it owns no timer.
        stopping.Dispose();
    }

    private static TimeSpan RenewInterval(TimeSpan ttl) => ttl > TimeSpan.Zero ? ttl / 3 : TimeSpan.FromSeconds(1);

    private async Task StopRenewingAsync()
    {
        if (!stopping.IsCancellationRequested)
        {
            await stopping.CancelAsync();
        }

        renewTimer.Dispose();
        await renewal;
    }
}
