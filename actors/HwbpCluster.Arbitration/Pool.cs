namespace HwbpCluster.Arbitration;

/// <summary>A per-CPU pool of debug slots: execute breakpoints and data watchpoints may have separate pools.</summary>
/// <remarks>x86-64 has one shared pool, accounted as <see cref="Data"/> (see <see cref="ArchProfile.PoolOf"/>).</remarks>
public enum Pool
{
    /// <summary>Slots for execute breakpoints (arm64 DBGBCR/DBGBVR).</summary>
    Instruction = 0,

    /// <summary>Slots for data watchpoints (arm64 DBGWCR/DBGWVR, POWER DAWR), and x86-64's shared DR0–DR3.</summary>
    Data = 1,
}
