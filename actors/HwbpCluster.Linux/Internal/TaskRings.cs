namespace HwbpCluster.Linux.Internal;

/// <summary>The task rings of one host, shared by every breakpoint on the same task and kept a while after the last closes.</summary>
/// <remarks>
/// A debugger arms and disarms its breakpoints at every stop; keeping the task's ring for <c>linger</c> after its last
/// breakpoint closes spares the next one the mmap and munmap. A ring whose task has exited is retired: closed once its last
/// breakpoint is, and never handed out again (the tid may be reused by a new thread, which the kernel would not redirect to).
/// </remarks>
internal sealed class TaskRings(TimeProvider time, TimeSpan linger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Entry> _byTid = [];
    private bool _disposed;

    /// <summary>Rings kept for their tasks now, for tests and diagnostics (a retired ring that a breakpoint still holds is not
    /// counted: it closes with that breakpoint).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byTid.Count;
            }
        }
    }

    /// <summary>A lease on <paramref name="tid"/>'s ring, opened with <paramref name="dataPages"/> if there is none; null when
    /// the kernel refuses to open it (the breakpoint then maps a ring of its own, and meets the refusal there if it is real).</summary>
    public Lease? Acquire(int tid, int dataPages)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_byTid.TryGetValue(tid, out Entry? entry))
            {
                _ = TaskRing.TryOpen(tid, dataPages, out TaskRing? ring);
                if (ring is null)
                {
                    return null;
                }

                entry = new Entry(ring);
                _byTid[tid] = entry;
            }

            entry.Leases++;
            entry.Idle?.Dispose();
            entry.Idle = null;
            return new Lease(this, entry);
        }
    }

    /// <summary>The task exited: its ring closes with its last breakpoint, and the next lease on the tid opens a new one.</summary>
    public void Retire(int tid)
    {
        TaskRing? closing = null;
        lock (_gate)
        {
            if (_byTid.Remove(tid, out Entry? entry) && entry.Leases == 0)
            {
                closing = Close(entry);
            }
        }

        closing?.Dispose();
    }

    /// <summary>Closes every ring; their breakpoints must be closed first.</summary>
    public void Dispose()
    {
        List<TaskRing> closing;
        lock (_gate)
        {
            _disposed = true;
            closing = [.. _byTid.Values.Select(Close).OfType<TaskRing>()];
            _byTid.Clear();
        }

        closing.ForEach(r => r.Dispose());
    }

    private void Return(Entry entry)
    {
        TaskRing? closing = null;
        lock (_gate)
        {
            if (--entry.Leases > 0)
            {
                return;
            }

            // Out of the table (retired, or all disposed): nobody will lease it again, so it closes now.
            if (IsListed(entry))
            {
                entry.Idle = time.CreateTimer(_ => CloseIfIdle(entry), null, linger, Timeout.InfiniteTimeSpan);
            }
            else
            {
                closing = Close(entry);
            }
        }

        closing?.Dispose();
    }

    private void CloseIfIdle(Entry entry)
    {
        TaskRing? closing = null;
        lock (_gate)
        {
            if (entry.Leases == 0 && IsListed(entry))
            {
                _byTid.Remove(entry.Tid);
                closing = Close(entry);
            }
        }

        // Out of the table, so nobody else has it: the munmap need not hold the lock.
        closing?.Dispose();
    }

    private bool IsListed(Entry entry) => _byTid.TryGetValue(entry.Tid, out Entry? listed) && listed == entry;

    // Takes the ring out of the entry (null if already taken) and stops its idle timer; the caller disposes it outside the lock.
    private static TaskRing? Close(Entry entry)
    {
        entry.Idle?.Dispose();
        entry.Idle = null;
        TaskRing? ring = entry.Ring;
        entry.Ring = null;
        return ring;
    }

    /// <summary>One breakpoint's hold on its task's ring; disposed after the breakpoint is closed.</summary>
    internal sealed class Lease(TaskRings owner, Entry entry) : IDisposable
    {
        private int _returned;

        public TaskRing Ring { get; } = entry.Ring!;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                owner.Return(entry);
            }
        }
    }

    internal sealed class Entry(TaskRing ring)
    {
        public int Tid { get; } = ring.Tid;

        public TaskRing? Ring { get; set; } = ring;

        public int Leases { get; set; }

        public ITimer? Idle { get; set; }
    }
}
