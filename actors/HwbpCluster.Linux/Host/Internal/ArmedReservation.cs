using HwbpCluster.Arbitration;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>A reservation the accounting admitted and the kernel installed: its perf events, one per (pid, cpu) target.</summary>
/// <remarks>Closing is once only and frees the kernel slots; a closed reservation keeps the hit count it had.</remarks>
internal sealed class ArmedReservation(long id, string sessionId, Scope scope, Arbitration.BreakpointSpec spec, PerfBreakpoint[] events)
{
    private readonly Lock _gate = new();
    private ulong _hitsAtClose;
    private bool _closed;

    public long Id { get; } = id;

    public string SessionId { get; } = sessionId;

    public Scope Scope { get; } = scope;

    /// <summary>One event per kernel target; the index is the slot reported in hit records.</summary>
    public IReadOnlyList<PerfBreakpoint> Events => events;

    /// <summary>Serializes modifications: the accounting and the kernel change together or not at all.</summary>
    public SemaphoreSlim ModifyGate { get; } = new(1, 1);

    public Arbitration.BreakpointSpec Spec
    {
        get
        {
            lock (_gate)
            {
                return spec;
            }
        }
    }

    /// <summary>The kernel's exact hit count over every event (counted even when a slow reader lost samples).</summary>
    public ulong Hits
    {
        get
        {
            lock (_gate)
            {
                return _closed ? _hitsAtClose : CountHits();
            }
        }
    }

    /// <summary>Re-aims every event in place; on a refusal the events already re-aimed go back and the refusal is returned.</summary>
    /// <exception cref="ObjectDisposedException">The reservation was closed meanwhile.</exception>
    public PerfFailure? TryAim(Arbitration.BreakpointSpec next)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            BreakpointSpec kernel = KernelSpecs.ToKernel(next);
            BreakpointSpec previous = KernelSpecs.ToKernel(spec);
            for (int i = 0; i < events.Length; i++)
            {
                if (events[i].TryModify(kernel) is { } failure)
                {
                    for (int j = 0; j < i; j++)
                    {
                        _ = events[j].TryModify(previous);
                    }

                    return failure;
                }
            }

            spec = next;
            return null;
        }
    }

    /// <summary>Closes every event (each detaches from its reader first); true for the call that closed them.</summary>
    public bool Close()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _hitsAtClose = CountHits();
            _closed = true;
        }

        foreach (PerfBreakpoint e in events)
        {
            e.Dispose();
        }

        return true;
    }

    private ulong CountHits()
    {
        ulong total = 0;
        foreach (PerfBreakpoint e in events)
        {
            try
            {
                total += e.ReadCounters().Hits;
            }
            catch (PerfException)
            {
                // An event whose read fails adds nothing; the others still count.
            }
        }

        return total;
    }
}
