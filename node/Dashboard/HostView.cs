using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Dashboard;

/// <summary>One host as the dashboard read it: the same HostState and Reservations that GetHost and ListReservations answer.</summary>
/// <param name="Name">The host.</param>
/// <param name="Node">The node that owns it.</param>
/// <param name="Reachable">Whether this node reaches that node now.</param>
/// <param name="State">Its CPUs and slots; the last known while unreachable, null before the first read.</param>
/// <param name="Reservations">Every session's reservations on it.</param>
/// <param name="Error">Why the last read failed; empty when it did not.</param>
internal sealed record HostView(string Name, string Node, bool Reachable, HostState? State, IReadOnlyList<Reservation> Reservations, string Error);

/// <summary>The cluster as the dashboard read it at one moment.</summary>
/// <param name="Time">When.</param>
/// <param name="Members">As Fleet.ListMembers answers.</param>
/// <param name="Hosts">Every host of the cluster, this node's first.</param>
internal sealed record DashboardView(DateTimeOffset Time, ListMembersResponse Members, IReadOnlyList<HostView> Hosts);
