using System.Runtime.InteropServices;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>Maps a reservation's spec onto the kernel's bp_addr, bp_len and bp_type.</summary>
internal static class KernelSpecs
{
    /// <summary>The length the kernel takes for an execute breakpoint: sizeof(long) on x86-64, an instruction on arm64.</summary>
    public static readonly int ExecuteLength =
        RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 8 : 4;

    /// <summary>The same watch in the kernel's terms; execute breakpoints take the kernel's length (8 on x86-64, 4 on arm64).</summary>
    public static BreakpointSpec ToKernel(Arbitration.BreakpointSpec spec) => spec.Access switch
    {
        Access.Execute => new BreakpointSpec(spec.Address, ExecuteLength, BreakpointAccess.Execute),
        Access.Write => new BreakpointSpec(spec.Address, spec.Length, BreakpointAccess.Write),
        Access.Read => new BreakpointSpec(spec.Address, spec.Length, BreakpointAccess.Read),
        Access.ReadWrite => new BreakpointSpec(spec.Address, spec.Length, BreakpointAccess.ReadWrite),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "unknown access kind"),
    };
}
