using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>A client session as a host sees it.</summary>
/// <param name="SessionId">Unique in the cluster.</param>
/// <param name="Kind">ptrace, kgdb, KVM or perf: decides the semantics the client actor applies.</param>
/// <param name="ClientName">Free text for listings.</param>
/// <param name="Privileged">May use kernel addresses (the node grants it from the caller's token).</param>
public sealed record SessionInfo(string SessionId, ClientKind Kind, string ClientName, bool Privileged);
