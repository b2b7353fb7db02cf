namespace HwbpCluster.Linux.Internal;

/// <summary>Lets a detaching caller wait until the reader thread has left every poll() that may include the detached fd.</summary>
/// <remarks>
/// poll() holds a reference to each polled file until it returns, so an event fd closed meanwhile keeps its debug-register
/// slot until then (measured: a fifth breakpoint got ENOSPC right after one of four was disposed). An eventfd in every
/// poll set wakes the reader at once, so the wait is a context switch, not the poll timeout.
/// </remarks>
internal sealed class PollGate : IDisposable
{
    private const int EfdCloexec = 0x80000;
    private const int EfdNonblock = 0x800;

    // A Monitor, not a Lock: waiters need Wait and PulseAll.
    private readonly object _gate = new();
    private long _started;
    private long _finished;
    private bool _closed;

    public PollGate() => WakeFd = NativeMethods.EventFd(0, EfdCloexec | EfdNonblock);

    /// <summary>The eventfd to poll first; -1 if the kernel refused one (waits then last up to the poll timeout).</summary>
    public int WakeFd { get; }

    /// <summary>Reader: a poll whose set was built under the reader's lock is about to start; returns its number.</summary>
    public long Starting()
    {
        lock (_gate)
        {
            return ++_started;
        }
    }

    /// <summary>The number of the latest poll started (read under the reader's lock, with the set it polls).</summary>
    public long Started
    {
        get
        {
            lock (_gate)
            {
                return _started;
            }
        }
    }

    /// <summary>Reader: poll <paramref name="number"/> (and every earlier one) returned; clears the wake-up if it fired.</summary>
    public unsafe void Finished(long number, bool woken)
    {
        lock (_gate)
        {
            if (woken && WakeFd >= 0 && !_closed)
            {
                ulong drained;
                _ = NativeMethods.Read(WakeFd, &drained, sizeof(ulong));
            }

            _finished = Math.Max(_finished, number);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Reader: no poll will run again; releases every waiter.</summary>
    public void Stopped() => Finished(long.MaxValue, woken: false);

    /// <summary>Wakes the reader and waits until poll <paramref name="number"/> has returned.</summary>
    public void WaitFor(long number)
    {
        lock (_gate)
        {
            if (_finished >= number)
            {
                return;
            }
        }

        Wake();
        lock (_gate)
        {
            while (_finished < number)
            {
                Monitor.Wait(_gate);
            }
        }
    }

    public unsafe void Wake()
    {
        lock (_gate)
        {
            // Never write to a closed (and possibly reused) descriptor.
            if (WakeFd >= 0 && !_closed)
            {
                ulong one = 1;
                _ = NativeMethods.Write(WakeFd, &one, sizeof(ulong));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (WakeFd >= 0 && !_closed)
            {
                _ = NativeMethods.Close(WakeFd);
            }

            _closed = true;
        }
    }
}
