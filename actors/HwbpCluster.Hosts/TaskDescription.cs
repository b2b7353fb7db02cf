namespace HwbpCluster.Hosts;

/// <summary>A simulated task.</summary>
/// <param name="Tid">Its thread id.</param>
/// <param name="Name">Its name.</param>
/// <param name="ParentTid">The task it was forked from, 0 if spawned.</param>
public sealed record TaskDescription(long Tid, string Name, long ParentTid);
