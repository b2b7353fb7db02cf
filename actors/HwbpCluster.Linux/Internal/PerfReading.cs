namespace HwbpCluster.Linux.Internal;

/// <summary>One read() of a breakpoint event: its count, the kernel's enabled and running times (ns), and samples lost.</summary>
internal readonly record struct PerfReading(ulong Value, ulong EnabledNs, ulong RunningNs, ulong Lost);
