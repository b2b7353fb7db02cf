using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

/// <summary>One armed hardware breakpoint: a perf_event_open event holding a debug-register slot, with its ring buffer.</summary>
/// <remarks>
/// The slot is reserved from open (even while disabled) until <see cref="Dispose"/>. Hits are counted by the kernel
/// (<see cref="ReadCounters"/>) and sampled into the ring buffer, which a <see cref="HitReader"/> streams.
/// </remarks>
public sealed partial class PerfBreakpoint : IDisposable
{
    private readonly Lock _gate = new();
    private readonly PerfEventHandle _event;
    private readonly RingMapping? _mapping;
    private readonly TaskRings.Lease? _taskRing;
    private PerfEventAttr _attr;
    private bool _enabled;
    private bool _disposed;
    private HitReader? _reader;

    private PerfBreakpoint(
        PerfEventHandle handle, RingMapping? mapping, TaskRings.Lease? taskRing, PerfEventAttr attr, BreakpointTarget target, ulong id)
    {
        _event = handle;
        _mapping = mapping;
        _taskRing = taskRing;
        _attr = attr;
        Target = target;
        Id = id;
        unsafe
        {
            bool named = (attr.SampleType & PerfConstants.SampleIdentifier) != 0;
            Ring = mapping is not null ? new RingReader(mapping.ControlPage, id, named) : taskRing?.Ring.Reader;
        }
    }

    /// <summary>The kernel's unique id of the event (PERF_EVENT_IOC_ID); stamped on every <see cref="RawHit"/>.</summary>
    public ulong Id { get; }

    /// <summary>The task or CPU the breakpoint is bound to.</summary>
    public BreakpointTarget Target { get; }

    /// <summary>Where the breakpoint is aimed now (changes with <see cref="TryModify"/>).</summary>
    public BreakpointSpec Spec
    {
        get
        {
            lock (_gate)
            {
                return new BreakpointSpec(_attr.BpAddr, (int)_attr.BpLen, (BreakpointAccess)_attr.BpType);
            }
        }
    }

    /// <summary>True while the breakpoint fires.</summary>
    public bool IsEnabled
    {
        get
        {
            lock (_gate)
            {
                return _enabled;
            }
        }
    }

    /// <summary>True once disposed; the slot is free.</summary>
    public bool IsDisposed => _event.IsClosed;

    /// <summary>Where its hits are drained from: its own ring, or its task's (<see cref="SharesRing"/>); null when counting only.</summary>
    internal RingReader? Ring { get; }

    /// <summary>True when its samples go to its task's ring, shared with the task's other breakpoints.</summary>
    internal bool SharesRing => _taskRing is not null;

    internal int Fd => _event.Fd;

    /// <summary>Frees the slot: detaches from its reader, unmaps the ring buffer and closes the event.</summary>
    public void Dispose()
    {
        HitReader? reader;
        lock (_gate)
        {
            _disposed = true;
            reader = _reader;
            _reader = null;
        }

        // Detach first: the reader must stop touching the ring before it is unmapped. A task ring is given back only once
        // the event is closed, so nothing writes to it from this event when its last holder lets it go.
        reader?.Detach(this);
        _mapping?.Dispose();
        _event.Dispose();
        _taskRing?.Dispose();
    }

    internal void AttachTo(HitReader reader)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_reader is not null && _reader != reader)
            {
                throw new InvalidOperationException($"breakpoint {Id} is already attached to another reader");
            }

            _reader = reader;
        }
    }

    internal void DetachedFrom(HitReader reader)
    {
        lock (_gate)
        {
            if (_reader == reader)
            {
                _reader = null;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"breakpoint {Id}: {Spec} on {Target}";
}
