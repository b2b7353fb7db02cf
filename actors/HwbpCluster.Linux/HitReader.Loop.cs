using System.Runtime.InteropServices;
using HwbpCluster.Linux.Internal;

namespace HwbpCluster.Linux;

public sealed partial class HitReader
{
    private const short HangUpEvents = PollFd.HangUp | PollFd.Err;

    // POLLIN fires once per kernel wakeup, so each wake drains every buffer to head == tail, and the poll timeout bounds
    // how long records written without a wakeup (wakeup_events > 1, or between drain and poll) wait.
    private unsafe void Run()
    {
        PollFd[] fds = [];
        Subscription[] polled = [];
        int seen = -1;
        try
        {
            while (!_stopping)
            {
                long number;
                lock (_gate)
                {
                    if (seen != _version)
                    {
                        polled = [.. _subscriptions.Where(s => !s.TaskGone)];
                        fds = [new PollFd { Fd = _pollGate.WakeFd, Events = PollFd.In },
                            .. polled.Select(s => new PollFd { Fd = s.Breakpoint.Fd, Events = PollFd.In })];
                        seen = _version;
                    }

                    // Numbered with the set it polls, so a detach knows which polls may still hold its fd.
                    number = _pollGate.Starting();
                }

                int ready;
                fixed (PollFd* p = fds)
                {
                    ready = NativeMethods.Poll(p, (nuint)fds.Length, _pollTimeoutMs);
                }

                _pollGate.Finished(number, woken: ready > 0 && (fds[0].ReturnedEvents & PollFd.In) != 0);

                if (ready < 0 && Marshal.GetLastPInvokeError() != Errno.EINTR)
                {
                    throw new InvalidOperationException($"poll failed with errno {Marshal.GetLastPInvokeError()}");
                }

                DrainAll(ready > 0 ? fds : [], polled, seen);
            }
        }
        catch (InvalidOperationException ex)
        {
            _hits.Writer.TryComplete(ex);
            _notices.Writer.TryComplete(ex);
        }
        finally
        {
            _pollGate.Stopped();
        }
    }

    private void DrainAll(PollFd[] fds, Subscription[] polled, int seen)
    {
        lock (_gate)
        {
            foreach (Subscription subscription in _subscriptions)
            {
                subscription.Drain();
            }

            // After a detach the fd may be closed or reused: revents of a stale set say nothing about the live ones.
            if (seen != _version)
            {
                return;
            }

            // fds[0] is the wake-up eventfd; fds[i] polls polled[i - 1].
            for (int i = 1; i < fds.Length; i++)
            {
                if ((fds[i].ReturnedEvents & HangUpEvents) != 0)
                {
                    polled[i - 1].MarkTaskGone();
                    _version++;
                }
            }
        }
    }
}
