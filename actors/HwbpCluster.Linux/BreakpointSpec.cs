namespace HwbpCluster.Linux;

/// <summary>Where and on what a hardware breakpoint fires: address, length in bytes (1, 2, 4 or 8) and access.</summary>
/// <param name="Address">Virtual address in the target task (user space unless a kernel address is meant).</param>
/// <param name="Length">Watched bytes: 1, 2, 4 or 8, aligned to itself; 8 for <see cref="BreakpointAccess.Execute"/>.</param>
/// <param name="Access">The kind of access that fires.</param>
public readonly record struct BreakpointSpec(ulong Address, int Length, BreakpointAccess Access)
{
    /// <summary>An execute breakpoint on a code address (length 8, as x86-64 requires).</summary>
    public static BreakpointSpec Execute(ulong address) => new(address, 8, BreakpointAccess.Execute);

    /// <summary>True when the address is in the kernel half of the address space (x86-64 and arm64 alike).</summary>
    public bool IsKernelAddress => Address >= 0xffff_8000_0000_0000UL;

    /// <inheritdoc/>
    public override string ToString() => $"{Access}@0x{Address:x}/{Length}";
}
