namespace HwbpCluster.Node.Diagnostics;

/// <summary>
/// Decides when a node that has gone quiet should run one full, compacting collection to give back what a burst left:
/// the GC only collects when code allocates, so an idle node would hold a burst's dead objects (and the memory they
/// occupy) until its next burst. Fed one sample a second of the process's allocation counter and full-collection count.
/// </summary>
/// <param name="quietSeconds">Consecutive quiet samples before collecting.</param>
/// <param name="garbageBytes">Bytes allocated since the last full collection below which a collection is not worth it.</param>
/// <param name="quietBytesPerSecond">An allocation rate at or below this is quiet (an idle node allocates a few tens of KB a second).</param>
public sealed class IdleCollectionPolicy(int quietSeconds, long garbageBytes = IdleCollectionPolicy.DefaultGarbageBytes,
    long quietBytesPerSecond = IdleCollectionPolicy.DefaultQuietBytesPerSecond)
{
    /// <summary>32 MiB: about a tenth of a loaded node's resident memory.</summary>
    public const long DefaultGarbageBytes = 32L << 20;

    /// <summary>256 KiB a second: ten times an idle cluster node's rate, far below any load.</summary>
    public const long DefaultQuietBytesPerSecond = 256L << 10;

    private long? _lastAllocated;
    private int _lastFullCollections;
    private long _allocatedSinceFull;
    private int _quiet;

    /// <summary>Takes one sample; true when the node should collect now (the policy then starts counting afresh).</summary>
    /// <param name="totalAllocated">The process's bytes allocated so far (<see cref="GC.GetTotalAllocatedBytes"/>).</param>
    /// <param name="fullCollections">Full collections so far (<see cref="GC.CollectionCount"/> of the oldest generation).</param>
    public bool Observe(long totalAllocated, int fullCollections)
    {
        if (_lastAllocated is not { } last)
        {
            (_lastAllocated, _lastFullCollections) = (totalAllocated, fullCollections);
            return false;
        }

        var allocated = Math.Max(0, totalAllocated - last);
        _lastAllocated = totalAllocated;
        // A full collection since the last sample already freed what was dead; only what came after it can be garbage.
        _allocatedSinceFull = fullCollections != _lastFullCollections ? allocated : _allocatedSinceFull + allocated;
        _lastFullCollections = fullCollections;
        _quiet = allocated <= quietBytesPerSecond ? _quiet + 1 : 0;

        if (_quiet < quietSeconds || _allocatedSinceFull < garbageBytes)
        {
            return false;
        }

        (_allocatedSinceFull, _quiet) = (0, 0);
        return true;
    }
}
