using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host.Internal;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>
    /// The accounting changes first, then every kernel event is re-aimed in place (PERF_EVENT_IOC_MODIFY_ATTRIBUTES, keeping its
    /// slot). If the kernel refuses, the events and the accounting go back to the old spec and the refusal is thrown. A move
    /// between user and kernel space cannot be done in place (exclude_kernel is fixed at open): release and reserve again.
    /// </remarks>
    public async Task<ReservationView> ModifyAsync(string sessionId, long reservationId, Arbitration.BreakpointSpec spec,
        CancellationToken cancellationToken = default)
    {
        if (_flex.Find(reservationId) is { } flexible && flexible.SessionId == sessionId)
        {
            return await ModifyFlexibleAsync(sessionId, reservationId, flexible.Spec, spec, cancellationToken);
        }

        if (_armed.Find(reservationId) is not { } armed || armed.SessionId != sessionId)
        {
            return await _inner.ModifyAsync(sessionId, reservationId, spec, cancellationToken);
        }

        await armed.ModifyGate.WaitAsync(cancellationToken);
        try
        {
            Arbitration.BreakpointSpec old = armed.Spec;
            if (KernelSpecs.ToKernel(old).IsKernelAddress != KernelSpecs.ToKernel(spec).IsKernelAddress)
            {
                throw new HostException(HostError.InvalidArgument,
                    $"reservation {reservationId} cannot move between user and kernel space in place ({old} to {spec}): "
                    + "the kernel fixes exclude_kernel when the event opens; release it and reserve again");
            }

            ReservationView view = await _inner.ModifyAsync(sessionId, reservationId, spec, cancellationToken);
            PerfFailure? failure;
            try
            {
                failure = armed.TryAim(view.Spec);
            }
            catch (ObjectDisposedException)
            {
                throw new HostException(HostError.NotFound, $"reservation {reservationId} was released while it was being modified");
            }

            if (failure is not null)
            {
                await UndoModifyAsync(sessionId, reservationId, old);
                throw KernelRefusals.ToHostException(failure, armed.Scope, Name);
            }

            return view with { Hits = armed.Hits };
        }
        finally
        {
            armed.ModifyGate.Release();
        }
    }

    private async Task UndoModifyAsync(string sessionId, long reservationId, Arbitration.BreakpointSpec old)
    {
        try
        {
            // The undo must happen even if the caller gave up: the kernel still holds the old spec.
            await _inner.ModifyAsync(sessionId, reservationId, old, CancellationToken.None);
        }
        catch (HostException ex)
        {
            LinuxHostLog.UndoFailed(_log, ex, Name, reservationId);
        }
    }
}
