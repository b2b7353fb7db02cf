namespace HwbpCluster.Linux;

/// <summary>One hardware breakpoint hit as the kernel sampled it (a PERF_RECORD_SAMPLE with IP|TID|TIME|ADDR|CPU|PERIOD).</summary>
/// <param name="EventId">The kernel id of the event that fired (<see cref="PerfBreakpoint.Id"/>).</param>
/// <param name="Ip">Instruction pointer: the next instruction for a data watch (x86 traps after the access), the address for execute.</param>
/// <param name="Pid">Process id (TGID) of the task that hit.</param>
/// <param name="Tid">Thread id of the task that hit.</param>
/// <param name="Time">CLOCK_MONOTONIC nanoseconds (comparable with Stopwatch.GetTimestamp on Linux).</param>
/// <param name="Address">The breakpoint's bp_addr (not the exact byte touched).</param>
/// <param name="Cpu">The CPU the hit happened on.</param>
public readonly record struct RawHit(ulong EventId, ulong Ip, int Pid, int Tid, ulong Time, ulong Address, int Cpu)
{
    /// <summary>
    /// Write and read-write watches: the watched bytes (little-endian, zero-extended) read from the process right after the
    /// sample was drained, which is after the hit, not at it (a later write may show); null when they could not be read.
    /// </summary>
    public ulong? ValueAfter { get; init; }
}
