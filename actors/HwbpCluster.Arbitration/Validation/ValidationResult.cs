namespace HwbpCluster.Arbitration.Validation;

/// <summary>The outcome of validating a breakpoint request: valid, or which field broke which rule and why.</summary>
/// <param name="Verdict">Valid, invalid for everyone, or not permitted for this client.</param>
/// <param name="Field">The request field at fault (<c>address</c>, <c>length</c>, <c>access</c>, <c>scope</c>, <c>kind</c>); empty when valid.</param>
/// <param name="Rule">A stable rule id such as <c>x86-read-unsupported</c>; empty when valid.</param>
/// <param name="Message">A sentence for the user that names the field, the rule and what to do instead.</param>
public sealed record ValidationResult(ValidationVerdict Verdict, string Field, string Rule, string Message)
{
    /// <summary>The one valid result.</summary>
    public static ValidationResult Valid { get; } = new(ValidationVerdict.Valid, string.Empty, string.Empty, string.Empty);

    /// <summary>True when the request passed every rule.</summary>
    public bool IsValid => Verdict == ValidationVerdict.Valid;

    /// <summary>A malformed request (INVALID_ARGUMENT).</summary>
    public static ValidationResult Invalid(string field, string rule, string message) =>
        new(ValidationVerdict.Invalid, field, rule, message);

    /// <summary>A right the session lacks (PERMISSION_DENIED).</summary>
    public static ValidationResult NotPermitted(string field, string rule, string message) =>
        new(ValidationVerdict.NotPermitted, field, rule, message);

    /// <summary>Text such as <c>Invalid access (x86-read-unsupported): ...</c>.</summary>
    public override string ToString() => IsValid ? "Valid" : $"{Verdict} {Field} ({Rule}): {Message}";
}
