using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>A reservation the schedule knows to be live, with its id in the model.</summary>
internal sealed record LiveReservation(long ModelId, string Session, ClientKind Client, Scope Scope, BreakpointSpec Spec, bool Inherit, string Label);
