using System.Collections.Concurrent;
using System.Globalization;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    // Real tids made known to the accounting host, which reserves only for tasks it knows.
    private readonly ConcurrentDictionary<long, bool> _tasks = new();

    private async Task EnsureTaskKnownAsync(Scope scope, CancellationToken cancellationToken)
    {
        if (!scope.IsTaskBound || _tasks.ContainsKey(scope.TaskId))
        {
            return;
        }

        string proc = $"/proc/{scope.TaskId.ToString(CultureInfo.InvariantCulture)}";
        if (scope.TaskId <= 0 || scope.TaskId > int.MaxValue || !Directory.Exists(proc))
        {
            throw new HostException(HostError.NotFound, $"no task {scope.TaskId} on this host ({Name})");
        }

        await _taskRegistry.AddTaskAsync(scope.TaskId, TaskName(proc), cancellationToken);
        _tasks[scope.TaskId] = true;
    }

    // The kernel hung up an event of a task-bound reservation: the thread exited, and with it every breakpoint on its tid.
    // A flexible reservation's carriers hang up too, or (none held) the kernel answers ESRCH when its rotation asks for one.
    private async Task OnTaskGoneAsync(long tid)
    {
        _taskRings.Retire((int)tid);
        IReadOnlyList<ArmedReservation> gone = _armed.TakeTask(tid);
        IReadOnlyList<(string SessionId, long Id)> flexible =
            _flex.RemoveWhere((_, _, scope) => scope.IsTaskBound && scope.TaskId == tid);
        if (gone.Count + flexible.Count == 0)
        {
            return;
        }

        LinuxHostLog.TaskExited(_log, Name, tid, gone.Count + flexible.Count);
        foreach (ArmedReservation reservation in gone)
        {
            reservation.Close();
        }

        await ForgetTaskAsync(tid, [.. gone.Select(r => (r.SessionId, r.Id)), .. flexible]);
    }

    // The accounting releases the task's reservations as "task-exited" (and fails requests queued for it).
    private async Task ForgetTaskAsync(long tid, IReadOnlyList<(string SessionId, long Id)> installed)
    {
        if (_tasks.TryRemove(tid, out _))
        {
            try
            {
                await _taskRegistry.RemoveTaskAsync(tid, _stopping.Token);
                return;
            }
            catch (HostException ex) when (ex.Error == HostError.NotFound)
            {
                // Not known to the accounting: release one by one below.
            }
        }

        foreach ((string sessionId, long id) in installed)
        {
            await UndoAdmissionAsync(sessionId, id);
        }
    }

    private static string TaskName(string proc)
    {
        try
        {
            return File.ReadAllText(proc + "/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
