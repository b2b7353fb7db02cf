using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts;

/// <summary>The port through which a CPU actor arms and disarms debug-register slots on real or simulated hardware.</summary>
/// <remarks>
/// <para>The host actors decide what is armed (the pure core keeps the accounting); a backend only carries it out. Each
/// CPU actor calls its backend for its own CPU only, from its own turn, so calls for one CPU never overlap; calls for
/// different CPUs may run concurrently on the production actor system.</para>
/// <para>Slots are numbered per host: the instruction pool first (on split-pool arches), then the data pool; on x86-64
/// slot n is DRn. A backend that cannot arm (e.g. a slot taken by a user HwbpCluster does not know of) returns false with
/// a reason; the CPU actor reports it as <see cref="HostError.BackendRefused"/> in a reservation event.</para>
/// </remarks>
public interface IRegisterBackend
{
    /// <summary>Arms <paramref name="slot"/> of <paramref name="cpu"/> for <paramref name="reservationId"/> (0 for a guest's breakpoint).</summary>
    bool TryArm(int cpu, int slot, long reservationId, BreakpointSpec spec, out string reason);

    /// <summary>Disarms <paramref name="slot"/> of <paramref name="cpu"/>; a free slot stays free.</summary>
    void Disarm(int cpu, int slot);

    /// <summary>The x86 DR7 image of <paramref name="cpu"/> as armed now (0 on other arches or when nothing is armed).</summary>
    ulong Dr7(int cpu);
}
