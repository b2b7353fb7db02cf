using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>An open session: who it is, and the client actor that feeds its reservation events.</summary>
internal sealed record OpenSession(SessionInfo Info, IActorRef<ClientMsg> Client);
