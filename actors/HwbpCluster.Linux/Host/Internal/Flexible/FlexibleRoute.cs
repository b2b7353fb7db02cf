namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>Where a carrier's sample goes: the flexible reservation, its session, its spec now, and the slot to report.</summary>
internal readonly record struct FlexibleRoute(long Id, string SessionId, Arbitration.BreakpointSpec Spec, int Slot);
