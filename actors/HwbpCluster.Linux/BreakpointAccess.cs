namespace HwbpCluster.Linux;

/// <summary>What a hardware breakpoint fires on; values are the kernel's HW_BREAKPOINT_* bits.</summary>
public enum BreakpointAccess
{
    /// <summary>Loads only (refused by x86, which has no read-only watch: use <see cref="ReadWrite"/>).</summary>
    Read = 1,

    /// <summary>Stores.</summary>
    Write = 2,

    /// <summary>Loads and stores.</summary>
    ReadWrite = 3,

    /// <summary>Instruction fetch at the address; the length must be 8 on x86-64.</summary>
    Execute = 4,
}
