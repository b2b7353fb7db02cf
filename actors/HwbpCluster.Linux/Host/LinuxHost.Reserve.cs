using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>
    /// The accounting admits (or queues) first; then the kernel installs one perf event per target, all or nothing. A kernel
    /// refusal undoes the admission and throws: <see cref="HostError.BackendRefused"/> when slots are held outside HwbpCluster,
    /// <see cref="HostError.NotFound"/> for a task that does not exist, <see cref="HostError.PermissionDenied"/>,
    /// <see cref="HostError.InvalidArgument"/>. A command naming a symbol is resolved in its task's process first. A flexible
    /// reservation joins the rotation of each of its targets (InstallFlexibleAsync); one that inherits or covers a
    /// process fails with <see cref="HostError.FailedPrecondition"/> before anything is admitted. An inherited task
    /// reservation gets one inherited event per CPU, and the threads and children it reaches join the accounting from FORK
    /// records as its group; a process scope is armed by the kernel first (<see cref="ReserveProcessAsync"/>).
    /// </remarks>
    public async Task<ReservationView> ReserveAsync(string sessionId, ReserveCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        ThrowIfNotOffered(command);
        command = ResolveSymbol(command);
        if (command.Scope.Kind == Arbitration.ScopeKind.Process)
        {
            return await ReserveProcessAsync(sessionId, command, cancellationToken);
        }

        if (command.Inherit)
        {
            // The kernel copies the event into every thread or child the task creates; those copies join the accounting
            // from FORK records as one group with this reservation, released together (closing it removes the copies).
            command = command with { Process = new ProcessMembership(command.Scope.TaskId, 0) };
        }

        long closes = SessionCloses(sessionId);
        await EnsureTaskKnownAsync(command.Scope, cancellationToken);
        ReservationView view = await _inner.ReserveAsync(sessionId, command, cancellationToken);
        await InstallAsync(sessionId, view, closes);
        return view;
    }

    // The kernel's half of an admitted reservation: one perf event per target, all or nothing; a refusal undoes the admission.
    private async Task InstallAsync(string sessionId, ReservationView view, long closes)
    {
        if (!view.Pinned)
        {
            await InstallFlexibleAsync(sessionId, view, closes);
            return;
        }

        KernelInstall.Result installed;
        try
        {
            await SyncBeforeInstallAsync(view);
            installed = OpenEvents(view.Scope, view.Spec, view.Inherit);
            NoteKernelAnswer(installed);
        }
        catch
        {
            await UndoAdmissionAsync(sessionId, view.Id);
            throw;
        }

        if (!installed.IsSuccess)
        {
            PerfFailure failure = installed.Failure;
            LinuxHostLog.KernelRefused(_log, Name, view.Id, view.Scope.ToString(), failure.ToString());
            await UndoAdmissionAsync(sessionId, view.Id);
            if (failure.Kind == PerfErrorKind.NoSuchTask)
            {
                await ForgetTaskAsync(view.Scope.TaskId, []);
            }

            throw KernelRefusals.ToHostException(failure, view.Scope, Name);
        }

        var armed = new ArmedReservation(view.Id, sessionId, view.Scope, view.Spec, installed.Events) { Inherit = view.Inherit };
        if (!TryInstall(armed, sessionId, closes))
        {
            armed.Close();
            throw new HostException(HostError.NotFound, $"session {sessionId} was closed while reservation {view.Id} was being installed");
        }

        try
        {
            AttachAll(installed.Events);
        }
        catch (InvalidOperationException ex)
        {
            // The reader could not watch an event (epoll_ctl refused, out of kernel memory): hits that cannot stream, and
            // an exit that would go unseen, are not granted.
            _armed.Take(sessionId, view.Id)?.Close();
            await UndoAdmissionAsync(sessionId, view.Id);
            throw new HostException(HostError.BackendRefused, $"reservation {view.Id} was not installed: {ex.Message}");
        }
    }

    // One perf event per kernel target of the scope, all or nothing, at reserve and again on resume; pinned events take
    // their room from the flexible reservations' carriers when the kernel has none. They start disabled (AttachAll enables
    // them): a task's ring is shared, and a hit written there before its event is attached would be skipped unseen.
    private KernelInstall.Result OpenEvents(Arbitration.Scope scope, Arbitration.BreakpointSpec spec, bool inherit) =>
        _flex.OpenMakingRoom(
            () => KernelInstall.Open(
                KernelTargets.For(scope, Description.Profile.CpuCount, inherit), KernelSpecs.ToKernel(spec),
                _eventOptions with { Inherit = inherit, StartEnabled = false }, _taskRings),
            result => result.Failure?.Kind == PerfErrorKind.NoFreeSlot ? result.FailedTarget : null);

    // Streams each event's hits, then enables it (an event that is enabled already stays so).
    private void AttachAll(PerfBreakpoint[] events)
    {
        try
        {
            foreach (PerfBreakpoint e in events)
            {
                _reader.Attach(e);
            }

            foreach (PerfBreakpoint e in events)
            {
                if (e.TryEnable() is { } notEnabled)
                {
                    throw new InvalidOperationException($"breakpoint {e.Id} could not be enabled: {notEnabled}");
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // Released (or the host disposed) between install and attach: its events are closed, nothing to stream.
        }
    }

    private static void ThrowIfNotOffered(ReserveCommand command)
    {
        if (!command.Pinned && (command.Inherit || command.Scope.Kind == Arbitration.ScopeKind.Process))
        {
            throw new HostException(HostError.FailedPrecondition,
                "flexible (pinned = false) breakpoints that inherit or cover a process are not offered by the linux backend: the "
                + "kernel copies an inherited event into every new thread, where HwbpCluster cannot rotate it; reserve it pinned, or "
                + "flexible on a task or CPU scope without inherit");
        }
    }

    private bool TryInstall(ArmedReservation armed, string sessionId, long closesBefore)
    {
        lock (_gate)
        {
            // A close of the session that began after this admission has released it in the accounting (or will).
            if (_sessionCloses.GetValueOrDefault(sessionId) != closesBefore || Volatile.Read(ref _disposed) != 0)
            {
                return false;
            }

            _armed.Add(armed);
            return true;
        }
    }

    private long SessionCloses(string sessionId)
    {
        lock (_gate)
        {
            return _sessionCloses.GetValueOrDefault(sessionId);
        }
    }

    private async Task UndoAdmissionAsync(string sessionId, long reservationId)
    {
        try
        {
            // The undo must happen even if the caller gave up (a reservation the kernel refused holds no slot); only the host
            // going away stops it.
            await _inner.ReleaseAsync(sessionId, reservationId, _stopping.Token);
        }
        catch (HostException ex) when (ex.Error == HostError.NotFound)
        {
            // Already released (the session closed meanwhile): nothing to undo.
        }
    }
}
