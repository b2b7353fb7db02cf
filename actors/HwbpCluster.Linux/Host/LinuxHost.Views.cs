using HwbpCluster.Hosts;

namespace HwbpCluster.Linux.Host;

public sealed partial class LinuxHost
{
    /// <inheritdoc/>
    /// <remarks>Hits are the kernel's exact counters (read() on each event), which count even samples a slow reader lost;
    /// Losses say how many of them reached no watcher: lost by the kernel (its exact count where it has one), dropped by the
    /// reader, or corrupt. A flexible reservation's hits are the kernel's counts while a carrier held it, its TimeRunning the
    /// time carriers held it and its TimeEnabled the time since it was admitted (per target), on the host's clock.</remarks>
    public async Task<IReadOnlyList<ReservationView>> ListReservationsAsync(
        string? sessionId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ReservationView> views = await _inner.ListReservationsAsync(sessionId, cancellationToken);
        return WithFlexibleCounts([.. views.Select(v => _armed.Find(v.Id) is { } armed ? v with { Hits = armed.Hits, Losses = armed.Losses } : v)]);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The accounting's view, and says so (<see cref="SnapshotSource.Accounting"/>): CPU-bound and all-cpus reservations are
    /// armed on their CPUs, as their kernel events are; task-bound ones are counted (CpuPinned / MaxTaskPinned) but not shown
    /// in a slot, since the kernel loads them at context switch. ExternallyOccupied is the kernel's: slots its refusals
    /// showed to be held outside HwbpCluster.
    /// </remarks>
    public async Task<HostSnapshot> GetStateAsync(CancellationToken cancellationToken = default)
    {
        HostSnapshot snapshot = await _inner.GetStateAsync(cancellationToken);
        return snapshot with
        {
            Description = Description,
            Cpus = [.. snapshot.Cpus.Select(c => c with { ExternallyOccupied = _external.On(c.Cpu) })],
            Source = SnapshotSource.Accounting,
            SourceNote = ViewNote,
        };
    }

    /// <inheritdoc/>
    /// <exception cref="HostException">Always FailedPrecondition: this backend has no KVM control.</exception>
    public Task<IReadOnlyList<long>> EnterGuestAsync(string sessionId, int cpu, IReadOnlyList<Arbitration.BreakpointSpec> guestBreakpoints,
        CancellationToken cancellationToken = default) => Task.FromException<IReadOnlyList<long>>(NoGuests());

    /// <inheritdoc/>
    /// <exception cref="HostException">Always FailedPrecondition: this backend has no KVM control.</exception>
    public Task<IReadOnlyList<long>> ExitGuestAsync(string sessionId, int cpu, CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyList<long>>(NoGuests());

    private static HostException NoGuests() => new(HostError.FailedPrecondition,
        "guest borrowing needs the simulated backend (--backend sim): the linux backend has no control over KVM's loading of "
        + "a guest's debug registers");
}
