namespace HwbpCluster.Arbitration.Validation;

/// <summary>Per-architecture length, alignment and access rules.</summary>
public static partial class BreakpointValidator
{
    private static ValidationResult CheckX86(BreakpointSpec spec)
    {
        if (spec.Access == Access.Read)
        {
            return ValidationResult.Invalid(
                "access", "x86-read-unsupported", "x86-64 debug registers cannot trap reads alone; use READ_WRITE");
        }

        if (spec.Access == Access.Execute)
        {
            // perf passes sizeof(long) for execute breakpoints; DR7 stores both as length 00.
            return spec.Length is 1 or 8
                ? ValidationResult.Valid
                : ValidationResult.Invalid(
                    "length", "x86-execute-length", $"x86-64 execute breakpoints take length 1 (or 8, as perf passes it), got {spec.Length}");
        }

        if (spec.Length is not (1 or 2 or 4 or 8))
        {
            return ValidationResult.Invalid(
                "length", "x86-data-length", $"x86-64 watchpoints take length 1, 2, 4 or 8, got {spec.Length}");
        }

        return spec.Address % (ulong)spec.Length == 0
            ? ValidationResult.Valid
            : ValidationResult.Invalid(
                "address",
                "aligned-to-length",
                $"x86-64 watchpoint address 0x{spec.Address:x} must be aligned to its length {spec.Length}");
    }

    private static ValidationResult CheckArm64(ArchProfile profile, BreakpointSpec spec, Scope scope)
    {
        if (spec.Access == Access.Execute)
        {
            if (spec.Length is not (4 or 8))
            {
                return ValidationResult.Invalid(
                    "length", "arm64-execute-length", $"arm64 execute breakpoints are 4 bytes (8 is accepted as perf passes it), got {spec.Length}");
            }

            if (spec.Address % 4 != 0)
            {
                return ValidationResult.Invalid(
                    "address", "arm64-execute-alignment", $"arm64 execute breakpoint address 0x{spec.Address:x} must be 4-byte aligned");
            }
        }
        else if (spec.Length > 8 || (int)(spec.Address & 7) + spec.Length > 8)
        {
            return ValidationResult.Invalid(
                "address",
                "arm64-within-doubleword",
                $"arm64 watchpoint 0x{spec.Address:x}/{spec.Length} must lie within one aligned 8-byte doubleword (byte-address-select)");
        }

        // Per-task kernel breakpoints would complicate the kernel's single-stepping, so arm64 Linux refuses them.
        return scope.IsTaskBound && profile.IsKernelRange(spec.Address, CheckedLength(profile, spec))
            ? ValidationResult.Invalid(
                "scope", "arm64-no-task-kernel", "arm64 does not allow per-task breakpoints on kernel addresses; bind it to CPUs")
            : ValidationResult.Valid;
    }

    private static ValidationResult CheckPower(ArchProfile profile, BreakpointSpec spec)
    {
        if (spec.Access == Access.Execute)
        {
            // Valid in shape; POWER has no instruction slots, so accounting answers "no room".
            return spec.Length is 4 or 8
                ? ValidationResult.Valid
                : ValidationResult.Invalid("length", "power-execute-length", $"POWER execute breakpoints are 4 bytes, got {spec.Length}");
        }

        if (spec.Length > 512)
        {
            return ValidationResult.Invalid("length", "power-data-length", $"POWER watchpoints cover at most 512 bytes, got {spec.Length}");
        }

        var last = spec.Address + (ulong)(spec.Length - 1);
        return profile.Architecture == Architecture.Ppc64P9 && spec.Address / 512 != last / 512
            ? ValidationResult.Invalid(
                "address",
                "power9-512-boundary",
                $"POWER9 watchpoint 0x{spec.Address:x}/{spec.Length} must not cross a 512-byte boundary")
            : ValidationResult.Valid;
    }

    // arm64 execute breakpoints always cover 4 bytes, whatever length perf passed.
    private static int CheckedLength(ArchProfile profile, BreakpointSpec spec) =>
        profile.Architecture == Architecture.Arm64 && spec.Access == Access.Execute ? 4 : spec.Length;
}
