namespace HwbpCluster.Linux.Internal.Probe;

/// <summary>The two kernel operations the hit probe needs, so a test can play a kernel that accepts and never fires.</summary>
internal interface IProbeKernel
{
    /// <summary>The running kernel's release, for reasons a person reads.</summary>
    string Release { get; }

    /// <summary>Arms an enabled, count-only write watch on <paramref name="cell"/> for the calling thread.</summary>
    /// <returns>The armed watch, or the kernel's refusal.</returns>
    (IProbeWatch? Watch, PerfFailure? Failure) ArmWriteWatch(ulong cell);
}
