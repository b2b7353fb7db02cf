using System.Globalization;
using HwbpCluster.Arbitration;
using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

/// <summary>
/// A process scope on real hardware: the kernel arms it first (<see cref="ProcessBreakpoints"/>: inherited per-CPU events on
/// every thread, the listing race closed), then each armed thread becomes one inherited task reservation of one group in the
/// accounting. Threads and children created later join the accounting from the kernel's FORK records (the kernel has
/// already copied the event into them), and leave it from EXIT records, so what is armed and what is counted stay the same.
/// </summary>
/// <remarks>
/// Kernel first, unlike the other scopes: only the kernel's own arming knows which threads it covered (a thread created by an
/// armed one inherits and is not armed again). A refusal by the accounting closes every event and answers as the accounting
/// did. Hits of every thread are counted on the process reservation (the id Reserve answered), with the hitting thread's tid.
/// </remarks>
public sealed partial class LinuxHost
{
    private async Task<ReservationView> ReserveProcessAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken)
    {
        long pid = command.Scope.ProcessId;
        if (pid > int.MaxValue || !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
        {
            throw new HostException(HostError.NotFound, $"no process {pid} on this host ({Name})");
        }

        // Who may ask, and no wait: the accounting's rules, before the kernel opens anything.
        await _taskRegistry.CheckProcessAsync(sessionId, command, cancellationToken);
        long closes = SessionCloses(sessionId);
        string threads = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task/";
        (ProcessBreakpoints? opened, PerfFailure? failure) = _flex.OpenMakingRoom(
            () => OpenProcess((int)pid, command.Spec),
            result => result.Failure?.Kind == PerfErrorKind.NoFreeSlot ? Linux.BreakpointTarget.Task((int)pid) : null,
            sameProcess: tid => Directory.Exists(threads + tid.ToString(CultureInfo.InvariantCulture)));
        ProcessBreakpoints armedProcess = opened ?? throw KernelRefusals.ToHostException(failure!, command.Scope, Name);

        ReservationView? first = null;
        try
        {
            foreach (int tid in armedProcess.ArmedThreads.Order())
            {
                await EnsureTaskKnownAsync(Scope.ForTask(tid), cancellationToken);
                var part = command with { Scope = Scope.ForProcessTask(tid), Inherit = true, Process = new ProcessMembership(pid, first?.Id ?? 0) };
                ReservationView granted = await _inner.ReserveAsync(sessionId, part, cancellationToken);
                first ??= granted;
            }
        }
        catch
        {
            armedProcess.Dispose();
            if (first is not null)
            {
                await UndoAdmissionAsync(sessionId, first.Id);
            }

            throw;
        }

        var armed = new ArmedReservation(first!.Id, sessionId, command.Scope, command.Spec, [.. armedProcess.Events]);
        if (!TryInstall(armed, sessionId, closes))
        {
            armed.Close();
            throw new HostException(HostError.NotFound, $"session {sessionId} was closed while reservation {first.Id} was being installed");
        }

        AttachAll([.. armedProcess.Events]);
        return first with { Scope = command.Scope };
    }

    private (ProcessBreakpoints? Opened, PerfFailure? Failure) OpenProcess(int pid, Arbitration.BreakpointSpec spec)
    {
        try
        {
            return (ProcessBreakpoints.Open(pid, KernelSpecs.ToKernel(spec), Description.Profile.CpuCount, _eventOptions), null);
        }
        catch (PerfException ex)
        {
            return (null, ex.Failure);
        }
    }

    // The kernel copied an inherited event into a new thread or child: it joins the accounting with its inherited copies.
    private async Task OnThreadForkedAsync(HitNotice notice)
    {
        if (notice.ParentTid <= 0 || notice.Tid <= 0 || notice.Tid == notice.ParentTid || _tasks.ContainsKey(notice.Tid))
        {
            return;
        }

        _tasks[notice.Tid] = true;
        await _taskRegistry.ForkTaskAsync(notice.ParentTid, notice.Tid, _stopping.Token);
    }

    // A thread carrying an inherited event ended: its part of the process reservation leaves the accounting.
    private async Task OnThreadExitedAsync(HitNotice notice)
    {
        if (_tasks.ContainsKey(notice.Tid))
        {
            await ForgetTaskAsync(notice.Tid, []);
        }
    }

    // The kernel events of a process reservation are keyed by its group id; a part's id finds them through the group.
    private async Task<ArmedReservation?> TakeGroupAsync(string sessionId, long reservationId)
    {
        IReadOnlyList<ReservationView> views = await _inner.ListReservationsAsync(sessionId);
        return views.FirstOrDefault(v => v.Id == reservationId)?.Process is { } process ? _armed.Take(sessionId, process.Group) : null;
    }
}
