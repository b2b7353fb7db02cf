namespace HwbpCluster.Arbitration;

/// <summary>What a breakpoint watches: a byte range and the access kind that triggers it.</summary>
/// <param name="Address">First watched byte (or the instruction address for <see cref="Access.Execute"/>).</param>
/// <param name="Length">Number of bytes watched, as the client asked (x86 execute breakpoints pass 1 or 8).</param>
/// <param name="Access">The access kind that triggers the breakpoint.</param>
public readonly record struct BreakpointSpec(ulong Address, int Length, Access Access)
{
    /// <summary>True for data watchpoints (read, write or both), false for execute breakpoints.</summary>
    public bool IsData => Access != Access.Execute;

    /// <summary>Short text such as <c>0x7ffd1000/8:rw</c>.</summary>
    public override string ToString() => $"0x{Address:x}/{Length}:{AccessText(Access)}";

    private static string AccessText(Access access) => access switch
    {
        Access.Execute => "x",
        Access.Write => "w",
        Access.Read => "r",
        _ => "rw",
    };
}
