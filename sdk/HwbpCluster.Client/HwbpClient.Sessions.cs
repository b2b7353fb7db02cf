using HwbpCluster.Protos.V1;

namespace HwbpCluster.Client;

/// <summary>Sessions: the handle that keeps its lease, and the raw lease calls.</summary>
public sealed partial class HwbpClient
{
    /// <summary>Opens a session and returns a handle that renews its lease in the background and closes it when disposed.</summary>
    /// <param name="clientName">Free text shown in listings and the node's audit log.</param>
    /// <param name="kind">The kind of client: ptrace, kgdb, kvm or perf.</param>
    /// <param name="ttl">The lease; null for the node's default. The node may cap it; the handle renews every third of what it got.</param>
    /// <param name="cancellationToken">Cancels the open call.</param>
    public async Task<HwbpSession> OpenSessionAsync(
        string clientName, ClientKind kind, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientName);
        var ttlMs = ttl is { } t ? checked((uint)Math.Ceiling(t.TotalMilliseconds)) : 0u;
        var request = new OpenSessionRequest { ClientName = clientName, ClientKind = kind, TtlMs = ttlMs };
        var opened = await OpenSessionAsync(request, cancellationToken);
        return new HwbpSession(this, opened.SessionId, kind, TimeSpan.FromMilliseconds(opened.TtlMs));
    }

    /// <summary>Arbiter.OpenSession: opens a session whose lease the caller must renew with <see cref="KeepAliveAsync"/>.</summary>
    public Task<OpenSessionResponse> OpenSessionAsync(OpenSessionRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.OpenSessionAsync, cancellationToken);

    /// <summary>Arbiter.KeepAlive: renews a session's lease for its whole TTL.</summary>
    public Task<KeepAliveResponse> KeepAliveAsync(KeepAliveRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.KeepAliveAsync, cancellationToken);

    /// <summary>Arbiter.CloseSession: closes a session, releasing every reservation it holds.</summary>
    public Task<CloseSessionResponse> CloseSessionAsync(CloseSessionRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(request, arbiter.CloseSessionAsync, cancellationToken);
}
