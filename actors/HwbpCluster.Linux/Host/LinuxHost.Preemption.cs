using System.Collections.Concurrent;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    private readonly SemaphoreSlim _suspensionGate = new(1, 1);
    private readonly ConcurrentDictionary<string, (EventSubscription<ReservationEvent> Feed, Task Pump)> _watchers = new();

    // The accounting resumes suspended reservations on its own time, after the release that made room has returned: follow
    // each session's reservation events and reconcile on every suspension or resumption.
    private void WatchSuspensions(string sessionId) => _watchers.GetOrAdd(sessionId, id =>
    {
        EventSubscription<ReservationEvent> feed = _inner.WatchReservations(id, 1024);
        return (feed, Task.Run(() => PumpSuspensionsAsync(feed)));
    });

    private async Task PumpSuspensionsAsync(EventSubscription<ReservationEvent> feed)
    {
        await foreach (ReservationEvent e in feed.ReadAllAsync())
        {
            if (e.Reason is "resumed" || e.Reservation.State == ReservationStatus.Suspended)
            {
                try
                {
                    await SyncSuspensionsAsync();
                }
                catch (Exception ex) when (ex is HostException or ObjectDisposedException or OperationCanceledException
                    or InvalidOperationException)
                {
                    LinuxHostLog.NoticeFailed(_log, ex, Name);
                }
            }
        }
    }

    private async Task StopWatchingAsync(string sessionId)
    {
        if (_watchers.TryRemove(sessionId, out var watcher))
        {
            await watcher.Feed.DisposeAsync();
            await watcher.Pump;
        }
    }

    // The accounting suspends pinned perf reservations to make room for kgdb and resumes them when kgdb leaves; the kernel
    // knows nothing of that, so the suspended ones' events close (freeing their slots) and reopen on resume.
    private async Task SyncSuspensionsAsync()
    {
        await _suspensionGate.WaitAsync();
        try
        {
            foreach (ReservationView view in await _inner.ListReservationsAsync(null, CancellationToken.None))
            {
                if (_armed.Find(view.Id) is not { } armed)
                {
                    continue;
                }

                if (view.State == ReservationStatus.Suspended && !armed.IsSuspended)
                {
                    PerfBreakpoint[] taken = armed.Suspend();
                    _armed.Unmap(taken);
                    Array.ForEach(taken, e => e.Dispose());
                    _flex.Poke();
                }
                else if (view.State == ReservationStatus.Active && armed.IsSuspended)
                {
                    await ResumeAsync(armed);
                }
            }
        }
        finally
        {
            _suspensionGate.Release();
        }
    }

    private async Task ResumeAsync(ArmedReservation armed)
    {
        KernelInstall.Result reopened = OpenEvents(armed.Scope, armed.Spec, armed.Inherit);
        if (!reopened.IsSuccess)
        {
            // The room kgdb gave back was taken outside HwbpCluster meanwhile: the kernel cannot hold it, as at reserve time.
            LinuxHostLog.KernelRefused(_log, Name, armed.Id, armed.Scope.ToString(), reopened.Failure.ToString());
            if (_armed.Take(armed.SessionId, armed.Id) is not null)
            {
                armed.Close();
                await UndoAdmissionAsync(armed.SessionId, armed.Id);
            }

            return;
        }

        if (!armed.Resume(reopened.Events))
        {
            Array.ForEach(reopened.Events, e => e.Dispose());
            return;
        }

        _armed.Map(armed);
        AttachAll(reopened.Events);
    }

    private Task SyncBeforeInstallAsync(ReservationView view) =>
        view.Kind == ClientKind.Kgdb ? SyncSuspensionsAsync() : Task.CompletedTask;
}
