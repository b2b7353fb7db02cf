namespace HwbpCluster.Linux;

/// <summary>A refused breakpoint operation: the kind, the raw errno, the operation and a reason a person can act on.</summary>
/// <param name="Kind">The classified cause.</param>
/// <param name="Errno">The errno the kernel returned (0 when the refusal came from validation before any syscall).</param>
/// <param name="Operation">The operation that failed (perf_event_open, mmap, modify...).</param>
/// <param name="Reason">What went wrong and what to do about it.</param>
public sealed record PerfFailure(PerfErrorKind Kind, int Errno, string Operation, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Operation}: {Kind} (errno {Errno}): {Reason}";
}
