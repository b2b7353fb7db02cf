using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>A flexible reservation's figures now: the kernel's hits while it was held, losses, time_enabled and time_running.</summary>
internal readonly record struct FlexibleCounts(ulong Hits, HitLosses Losses, TimeSpan Enabled, TimeSpan Running);
