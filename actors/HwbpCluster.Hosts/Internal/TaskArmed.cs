namespace HwbpCluster.Hosts.Internal;

/// <summary>A task's breakpoints that are armed wherever it runs (its counted pinned ones and its flexible ones).</summary>
/// <param name="Tid">The task.</param>
/// <param name="Breakpoints">The list, replacing any previous one.</param>
internal sealed record TaskArmed(long Tid, IReadOnlyList<ArmedBreakpoint> Breakpoints);
