using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>One hardware breakpoint hit.</summary>
/// <param name="Host">The host's name.</param>
/// <param name="ReservationId">The reservation whose slot fired.</param>
/// <param name="Cpu">Where.</param>
/// <param name="Tid">The task that made the access.</param>
/// <param name="Ip">Instruction pointer reported (data watchpoints: the next instruction).</param>
/// <param name="Address">The address accessed.</param>
/// <param name="Access">The kind of access.</param>
/// <param name="Slot">The debug-register slot.</param>
/// <param name="Dr6">x86 status image (simulated backend); 0 elsewhere.</param>
/// <param name="Time">When.</param>
public sealed record HitRecord(
    string Host, long ReservationId, int Cpu, long Tid, ulong Ip, ulong Address, Access Access, int Slot, ulong Dr6, DateTimeOffset Time)
{
    /// <summary>
    /// Real backends, write and read-write watches: the watched bytes as in memory, read from the process right after the hit
    /// (so a later write may already show); empty when not read.
    /// </summary>
    public ReadOnlyMemory<byte> ValueAfter { get; init; }
}
