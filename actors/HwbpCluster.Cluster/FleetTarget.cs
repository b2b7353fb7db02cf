using HwbpCluster.Hosts;

namespace HwbpCluster.Cluster;

/// <summary>One host of a fleet reserve and the reservation to make there.</summary>
public sealed record FleetTarget(IHwbpHost Host, ReserveCommand Command);

/// <summary>One host's outcome: the reservation, or why not (<see cref="HostError.Aborted"/> for one rolled back).</summary>
public sealed record FleetHostOutcome(ReservationView? Reservation, HostException? Failure);

/// <summary>A fleet reserve's outcomes, one per target in the targets' order, and whether the reservations were kept.</summary>
public sealed record FleetResult(IReadOnlyList<FleetHostOutcome> Outcomes, bool Committed);
