using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

public sealed partial class HitReader
{
    // Ready entries taken per wait; more stay ready (level-triggered) for the next one, which does not wait.
    private const int ReadyPerWait = 64;
    private const uint HangUpEvents = EpollSet.HangUp | EpollSet.Err;

    // EPOLLIN fires once per kernel wakeup (perf_poll hands the ring's pending wakeup over once), so each wake drains every
    // buffer to head == tail, and the wait's timeout bounds how long records written without a wakeup (wakeup_events > 1,
    // or between drain and wait) wait: the short tail timeout while hits flow, the poll timeout once they stop.
    private void Run()
    {
        RunsRealtime = _realtime && ThreadScheduling.TryRealtime();
        _scheduled.Set();
        try
        {
            int timeoutMs = _pollTimeoutMs;
            while (!_stopping)
            {
                int ready = _epoll.Wait(timeoutMs);
                if (ready < 0 && -ready != Errno.EINTR)
                {
                    throw new InvalidOperationException($"epoll_wait failed with errno {-ready}");
                }

                timeoutMs = DrainAll() > 0 ? _tailTimeoutMs : _pollTimeoutMs;
                HandOver();
                TellHangUps(Math.Max(ready, 0));
            }
        }
        catch (InvalidOperationException ex)
        {
            _hits.Writer.TryComplete(ex);
            _notices.Writer.TryComplete(ex);
        }
        finally
        {
            lock (_gate)
            {
                _epoll.Dispose();
            }
        }
    }

    // Outside the lock: the handler may route through locks of its own that are held while breakpoints are attached.
    private void HandOver()
    {
        if (_onHits is not null && _batch.Hits.Length > 0)
        {
            _onHits(_batch.Hits);
            _batch.Clear();
        }
    }

    // Returns the hits read.
    private ulong DrainAll()
    {
        ulong hits = 0;
        lock (_gate)
        {
            foreach (Subscription subscription in _subscriptions)
            {
                if (!subscription.Breakpoint.SharesRing)
                {
                    hits += subscription.Drain();
                }
            }

            foreach (SharedRingRoute route in _routes.Values)
            {
                hits += route.Drain();
            }
        }

        return hits;
    }

    // After the drain and its hand-over, so every record written before the task exited is read, and handed over, before
    // its exit is told (the exit releases what routes its hits).
    private void TellHangUps(int ready)
    {
        lock (_gate)
        {
            for (int i = 0; i < ready; i++)
            {
                (uint events, ulong token) = _epoll.ReadyAt(i);
                if (token == EpollSet.WakeToken)
                {
                    _epoll.ClearWake();
                }
                else if ((events & HangUpEvents) != 0
                    && _subscriptions.Find(s => s.Breakpoint.Id == token) is { TaskGone: false } gone)
                {
                    // A hang-up stays ready for good: stop watching the fd (still open: it is detached, under this lock,
                    // before it is closed). A token no longer attached is a stale entry of a detached event.
                    _ = _epoll.Remove(gone.Breakpoint.Fd);
                    gone.MarkTaskGone();
                }
            }
        }
    }
}
