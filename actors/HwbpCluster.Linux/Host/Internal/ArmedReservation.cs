using HwbpCluster.Arbitration;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>A reservation the accounting admitted and the kernel installed: its perf events, one per (pid, cpu) target.</summary>
/// <remarks>
/// Suspended (kgdb took its room) it holds no events and keeps its spec and hits until resumed with fresh events. Closing
/// is once only and frees the kernel slots; a closed reservation keeps the hit count it had.
/// </remarks>
internal sealed class ArmedReservation(long id, string sessionId, Scope scope, Arbitration.BreakpointSpec spec, PerfBreakpoint[] events)
{
    private readonly Lock _gate = new();
    private ulong _hitsBefore;
    private bool _closed;

    public long Id { get; } = id;

    public string SessionId { get; } = sessionId;

    public Scope Scope { get; } = scope;

    /// <summary>One event per kernel target (none while suspended); the index is the slot reported in hit records.</summary>
    public IReadOnlyList<PerfBreakpoint> Events
    {
        get
        {
            lock (_gate)
            {
                return events;
            }
        }
    }

    /// <summary>True while kgdb holds its room: no kernel events.</summary>
    public bool IsSuspended { get; private set; }

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

    /// <summary>The kernel's exact hit count over every event it has had (counted even when a slow reader lost samples).</summary>
    public ulong Hits
    {
        get
        {
            lock (_gate)
            {
                return _closed ? _hitsBefore : _hitsBefore + CountHits(events);
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

    /// <summary>Takes the events away (the caller unmaps and closes them), keeping their hits; empty if closed or suspended.</summary>
    public PerfBreakpoint[] Suspend()
    {
        lock (_gate)
        {
            if (_closed || IsSuspended)
            {
                return [];
            }

            PerfBreakpoint[] taken = events;
            _hitsBefore += CountHits(taken);
            events = [];
            IsSuspended = true;
            return taken;
        }
    }

    /// <summary>Gives a suspended reservation fresh events; false (the caller closes them) if it was closed meanwhile.</summary>
    public bool Resume(PerfBreakpoint[] fresh)
    {
        lock (_gate)
        {
            if (_closed || !IsSuspended)
            {
                return false;
            }

            events = fresh;
            IsSuspended = false;
            return true;
        }
    }

    /// <summary>Closes every event (each detaches from its reader first); true for the call that closed them.</summary>
    public bool Close()
    {
        PerfBreakpoint[] closing;
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _hitsBefore += CountHits(events);
            _closed = true;
            closing = events;
        }

        foreach (PerfBreakpoint e in closing)
        {
            e.Dispose();
        }

        return true;
    }

    private static ulong CountHits(PerfBreakpoint[] current)
    {
        ulong total = 0;
        foreach (PerfBreakpoint e in current)
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
