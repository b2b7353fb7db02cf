using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Internal;

/// <summary>Catches requests the kernel would refuse with a bare EINVAL, so the failure can name the field.</summary>
internal static class SpecValidator
{
    public static PerfFailure? Validate(BreakpointSpec spec)
    {
        if (spec.Access is not (BreakpointAccess.Read or BreakpointAccess.Write or BreakpointAccess.ReadWrite or BreakpointAccess.Execute))
        {
            return Invalid($"bp_type: {(int)spec.Access} is not R(1), W(2), RW(3) or X(4)");
        }

        if (spec.Length is not (1 or 2 or 4 or 8))
        {
            return Invalid($"bp_len: {spec.Length} is not 1, 2, 4 or 8");
        }

        bool x64 = RuntimeInformation.ProcessArchitecture == Architecture.X64;
        if (spec.Access == BreakpointAccess.Execute)
        {
            return x64 && spec.Length != 8 ? Invalid($"bp_len: execute breakpoints take 8 on x86-64, not {spec.Length}") : null;
        }

        if (x64 && spec.Access == BreakpointAccess.Read)
        {
            return Invalid("bp_type: x86 has no read-only watch; use ReadWrite");
        }

        return spec.Address % (ulong)spec.Length != 0
            ? Invalid($"bp_addr: 0x{spec.Address:x} is not aligned to bp_len {spec.Length}")
            : null;
    }

    private static PerfFailure Invalid(string reason) => new(PerfErrorKind.InvalidArgument, 0, "validate", reason);
}
