using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Node.Sessions;

/// <summary>A client session leased from this node: who opened it, its lease, and a token that ends its streams.</summary>
internal sealed class NodeSession : IDisposable
{
    private readonly CancellationTokenSource ended = new();
    private int held;

    /// <summary>Creates a session with lease <paramref name="ttl"/> that runs out at <paramref name="expiresAt"/>.</summary>
    public NodeSession(SessionInfo info, string owner, TimeSpan ttl, DateTimeOffset expiresAt)
    {
        Info = info;
        Owner = owner;
        Ttl = ttl;
        ExpiresAt = expiresAt;
    }

    /// <summary>The session as hosts see it.</summary>
    public SessionInfo Info { get; }

    /// <summary>The session's id.</summary>
    public string Id => Info.SessionId;

    /// <summary>The session's client kind.</summary>
    public ClientKind Kind => Info.Kind;

    /// <summary>The name of the token that opened it: later calls on it must come with the same token.</summary>
    public string Owner { get; }

    /// <summary>The lease, renewed whole by each keep-alive.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>When the lease runs out unless renewed; guarded by the registry's lock on this session.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>True once closed or expired; guarded by the registry's lock on this session.</summary>
    public bool Ended { get; set; }

    /// <summary>The lease timer; set by the registry right after creation.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>Cancelled when the session ended but a host could not close it: its streams end without that host's word.</summary>
    public CancellationToken EndedToken => ended.Token;

    /// <summary>Ends the session's streams from the node's side.</summary>
    public void SignalEnded() => ended.Cancel();

    /// <summary>Reservations this session holds on any host, as <see cref="ReservationQuota"/> counts them.</summary>
    public int Held => Volatile.Read(ref held);

    /// <summary>Adds <paramref name="delta"/> to <see cref="Held"/>.</summary>
    public void AddHeld(int delta) => Interlocked.Add(ref held, delta);

    /// <summary>Sets <see cref="Held"/> to 0 and returns what it was.</summary>
    public int TakeHeld() => Interlocked.Exchange(ref held, 0);

    /// <summary>Stops the lease timer; the ended token stays usable, as streams may still be looking at it.</summary>
    public void Dispose() => Timer?.Dispose();
}
