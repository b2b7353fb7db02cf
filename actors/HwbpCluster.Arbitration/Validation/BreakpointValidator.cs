namespace HwbpCluster.Arbitration.Validation;

/// <summary>Checks a breakpoint request against an arch profile and the client's rights, before any accounting.</summary>
/// <remarks>
/// The client kind's own rules come first (ptrace: user addresses and task scopes; kgdb: CPU-bound scopes), then the
/// structural rules (scope shape, length, alignment, overflow, arm64's ban on per-task kernel breakpoints), which give
/// <see cref="ValidationVerdict.Invalid"/>, then the privileged rights (kernel space, CPU-bound scopes, kgdb). Every rule
/// about who asks gives <see cref="ValidationVerdict.NotPermitted"/>. This is the one place that decides them; the host
/// actors call it.
/// </remarks>
public static partial class BreakpointValidator
{
    /// <summary>Validates <paramref name="spec"/> in <paramref name="scope"/> for a client of <paramref name="kind"/>.</summary>
    /// <param name="profile">The host's arch profile.</param>
    /// <param name="spec">Address, length and access kind.</param>
    /// <param name="scope">Where the breakpoint applies.</param>
    /// <param name="kind">The client kind asking.</param>
    /// <param name="privileged">Whether the client holds kernel-level rights (root, CAP_PERFMON, an admin token).</param>
    public static ValidationResult Validate(ArchProfile profile, BreakpointSpec spec, Scope scope, ClientKind kind, bool privileged)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var result = CheckKindScope(profile, spec, scope, kind);
        if (result.IsValid)
        {
            result = CheckScope(profile, scope, kind);
        }

        if (!result.IsValid)
        {
            return result;
        }

        result = CheckShape(profile, spec, scope);
        return result.IsValid ? CheckPermission(profile, spec, scope, kind, privileged) : result;
    }

    /// <summary>Validates the shape of a spec only (no scope or client), for example before a modify.</summary>
    public static ValidationResult ValidateSpec(ArchProfile profile, BreakpointSpec spec)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return CheckShape(profile, spec, Scope.AllCpus);
    }

    // Overflow first, then the architecture's length, alignment and access rules; the scope matters only to arm64.
    private static ValidationResult CheckShape(ArchProfile profile, BreakpointSpec spec, Scope scope)
    {
        var result = CheckOverflow(spec);
        if (!result.IsValid)
        {
            return result;
        }

        return profile.Architecture switch
        {
            Architecture.X86_64 => CheckX86(spec),
            Architecture.Arm64 => CheckArm64(profile, spec, scope),
            _ => CheckPower(profile, spec),
        };
    }

    private static ValidationResult CheckOverflow(BreakpointSpec spec)
    {
        if (spec.Length < 1)
        {
            return ValidationResult.Invalid("length", "length-positive", $"length must be at least 1 byte, got {spec.Length}");
        }

        return spec.Address > ulong.MaxValue - (ulong)(spec.Length - 1)
            ? ValidationResult.Invalid(
                "address",
                "range-overflow",
                $"address 0x{spec.Address:x} + length {spec.Length} − 1 overflows the 64-bit address space")
            : ValidationResult.Valid;
    }
}
