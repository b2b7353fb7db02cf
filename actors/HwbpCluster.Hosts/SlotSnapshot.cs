using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>One debug-register slot.</summary>
/// <param name="Index">Slot number (DR0..DR3 on x86).</param>
/// <param name="ReservationId">The reservation armed there, 0 when free (or a guest's).</param>
/// <param name="Spec">What is armed, null when free.</param>
public sealed record SlotSnapshot(int Index, long ReservationId, BreakpointSpec? Spec);
