using HwbpCluster.Node.Auth;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Dashboard;

/// <summary>The cluster as one token may see it on the dashboard: the gRPC API's rule (<see cref="Visibility"/>), applied to a whole
/// read. Its own sessions' reservations in full; every other reservation only as "a slot held by kind K" (no session, label,
/// breakpoint or hits), as ListReservations answers it; every host's state as GetHost answers it.</summary>
internal static class DashboardVisibility
{
    /// <summary><paramref name="view"/> as seen by a caller who owns the sessions for which <paramref name="ownsSession"/> is true.</summary>
    public static DashboardView Seen(DashboardView view, Func<string, bool> ownsSession) =>
        view with { Hosts = [.. view.Hosts.Select(host => Seen(host, ownsSession))] };

    private static HostView Seen(HostView host, Func<string, bool> ownsSession)
    {
        var others = host.Reservations.Any(r => !ownsSession(r.SessionId));
        var borrowed = host.State?.Cpus.Any(c => c.BorrowedBySession.Length > 0 && !ownsSession(c.BorrowedBySession)) == true;
        if (!others && !borrowed)
        {
            return host; // nothing of anyone else's on it: no copy
        }

        var own = host.Reservations.Where(r => ownsSession(r.SessionId)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var state = host.State?.Clone();
        if (state is not null)
        {
            Visibility.Redact(state, own.Contains, ownsSession);
        }

        IReadOnlyList<Reservation> reservations = [.. host.Reservations.Select(r => own.Contains(r.Id) ? r : Visibility.Redacted(r))];
        return host with { State = state, Reservations = reservations };
    }
}
