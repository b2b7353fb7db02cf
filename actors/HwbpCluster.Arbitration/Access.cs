namespace HwbpCluster.Arbitration;

/// <summary>What kind of access a breakpoint traps.</summary>
public enum Access
{
    /// <summary>Instruction fetch (an execute breakpoint).</summary>
    Execute = 0,

    /// <summary>Data writes.</summary>
    Write = 1,

    /// <summary>Data reads only (impossible on x86-64).</summary>
    Read = 2,

    /// <summary>Data reads and writes.</summary>
    ReadWrite = 3,
}
