using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Auth;

/// <summary>
/// What a caller may see: its own sessions in full; other sessions' reservations only as "a slot held by kind K", with no
/// session id, client label, address or hit counts. Admin callers (and the open node's anonymous caller) see everything.
/// </summary>
internal static class Visibility
{
    /// <summary>What a borrowed CPU shows as its borrower when the guest's session is not the caller's.</summary>
    public const string HiddenSession = "(another session)";

    /// <summary>The reservation as someone who does not own it sees it.</summary>
    public static Reservation Redacted(Reservation reservation) => new()
    {
        Id = reservation.Id,
        Host = reservation.Host,
        ClientKind = reservation.ClientKind,
        Scope = reservation.Scope,
        Pinned = reservation.Pinned,
        Inherit = reservation.Inherit,
        State = reservation.State,
        Queued = reservation.Queued,
    };

    /// <summary>Hides, in <paramref name="state"/>, what the slots of reservations the caller does not own are armed with.</summary>
    /// <param name="state">The host's state, changed in place.</param>
    /// <param name="owned">Whether the caller owns a reservation id (HOST/N).</param>
    /// <param name="ownsSession">Whether the caller owns a session id.</param>
    public static void Redact(HostState state, Func<string, bool> owned, Func<string, bool> ownsSession)
    {
        foreach (var cpu in state.Cpus)
        {
            foreach (var slot in cpu.Slots.Where(s => s.ReservationId.Length > 0 && !owned(s.ReservationId)))
            {
                slot.Breakpoint = null;
            }

            if (cpu.BorrowedBySession.Length > 0 && !ownsSession(cpu.BorrowedBySession))
            {
                cpu.BorrowedBySession = HiddenSession;
            }
        }
    }
}
