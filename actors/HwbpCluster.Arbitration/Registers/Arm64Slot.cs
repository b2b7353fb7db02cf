namespace HwbpCluster.Arbitration.Registers;

/// <summary>The register pair of one arm64 slot: the value register (aligned address) and its control register.</summary>
/// <param name="Pool">Instruction (DBGBVR/DBGBCR) or Data (DBGWVR/DBGWCR).</param>
/// <param name="Value">The address written to the value register: 4-byte aligned for breakpoints, 8-byte for watchpoints.</param>
/// <param name="Control">The control register value.</param>
public readonly record struct Arm64Slot(Pool Pool, ulong Value, uint Control);
