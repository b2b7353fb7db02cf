using HwbpCluster.Arbitration.Host;

namespace HwbpCluster.Arbitration.Tests.Host;

/// <summary>Request builders and lookups shared by the HostArbiter tests.</summary>
public abstract class HostArbiterTestBase
{
    private protected ulong _address = 0x10_0000;

    private protected ReservationRequest Ptrace(long task, bool inherit = false) =>
        new(ClientKind.Ptrace, new BreakpointSpec(_address += 8, 8, Access.Write), Scope.ForTask(task)) { Inherit = inherit };

    private protected ReservationRequest Perf(Scope scope, Access access = Access.Write, bool pinned = true, bool inherit = false) =>
        new(ClientKind.Perf, new BreakpointSpec(_address += 8, access == Access.Execute ? 4 : 8, access), scope)
        {
            Privileged = true,
            Pinned = pinned,
            Inherit = inherit,
        };

    private protected ReservationRequest Kgdb() =>
        new(ClientKind.Kgdb, new BreakpointSpec(0xFFFF_FFFF_8100_0000 + (_address += 8), 1, Access.Execute), Scope.AllCpus) { Privileged = true };

    private protected static Reservation Reservation(HostArbiter host, long id)
    {
        Assert.True(host.TryGet(id, out var reservation));
        return reservation;
    }
}
