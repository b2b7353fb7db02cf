using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host.Internal;

/// <summary>A reservation the accounting admitted and the kernel installed: its perf events, one per (pid, cpu) target.</summary>
/// <remarks>
/// Suspended (kgdb took its room) it holds no events and keeps its spec and hits until resumed with fresh events. Closing
/// is once only and frees the kernel slots; a closed reservation keeps the hit count it had.
/// </remarks>
internal sealed class ArmedReservation(long id, string sessionId, Scope scope, Arbitration.BreakpointSpec spec, PerfBreakpoint[] events)
{
    private readonly Lock _gate = new();
    private PerfCounters _before;
    private HitLosses _noticed;
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
    // Inherited task events (one per CPU) are reopened inherited too when a suspension ends.
    public bool Inherit { get; init; }

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
    public ulong Hits => Counters.Hits;

    /// <summary>Hits lost on the way, as the reader reported them; kernel losses at least the kernel's exact count.</summary>
    public HitLosses Losses
    {
        get
        {
            ulong kernel = Counters.Lost;
            lock (_gate)
            {
                return _noticed with { Kernel = Math.Max(_noticed.Kernel, kernel) };
            }
        }
    }

    private PerfCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return _closed ? _before : Add(_before, Count(events));
            }
        }
    }

    /// <summary>Adds losses the reader reported for one of the reservation's events.</summary>
    public void AddLoss(HitNoticeKind kind, ulong count)
    {
        lock (_gate)
        {
            _noticed = kind switch
            {
                HitNoticeKind.Lost => _noticed with { Kernel = _noticed.Kernel + count },
                HitNoticeKind.Dropped => _noticed with { Reader = _noticed.Reader + count },
                HitNoticeKind.Corrupt => _noticed with { Corrupt = _noticed.Corrupt + count },
                _ => _noticed,
            };
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
            _before = Add(_before, Count(taken));
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

            _before = Add(_before, Count(events));
            _closed = true;
            closing = events;
        }

        foreach (PerfBreakpoint e in closing)
        {
            e.Dispose();
        }

        return true;
    }

    private static PerfCounters Count(PerfBreakpoint[] current)
    {
        var total = new PerfCounters(0, 0);
        foreach (PerfBreakpoint e in current)
        {
            try
            {
                total = Add(total, e.ReadCounters());
            }
            catch (PerfException)
            {
                // An event whose read fails adds nothing; the others still count.
            }
        }

        return total;
    }

    private static PerfCounters Add(PerfCounters a, PerfCounters b) => new(a.Hits + b.Hits, a.Lost + b.Lost);
}
