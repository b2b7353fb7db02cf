using System.Collections.Concurrent;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// Reservations whose lease has run out, each with the moment by which its host must have let it go: a session abandoned
/// without closing, or one whose node was killed or cut off, no longer renews, and every host releases its reservations
/// within the session's TTL plus one renewal interval (issue 10). The poller reports one still armed after that.
/// </summary>
public sealed class LeaseDeadlines
{
    private readonly ConcurrentDictionary<string, Due> _gone = new();

    /// <summary>Reservations with a deadline so far.</summary>
    public int Count => _gone.Count;

    /// <summary><paramref name="reservationId"/> must be gone from every slot by <paramref name="by"/> (the earliest deadline is kept),
    /// because of <paramref name="why"/> (which session, which fault: for the report); <paramref name="cut"/> names the node
    /// whose cut set the deadline, which a heal before it takes back.</summary>
    public void Expect(string reservationId, DateTime by, string why = "", int? cut = null) =>
        _gone.AddOrUpdate(reservationId, new Due(by, why, cut), (_, old) => old.By < by ? old : new Due(by, why, cut));

    /// <summary>Node <paramref name="node"/>'s link came back at <paramref name="at"/>: a deadline its cut set that had not passed
    /// yet no longer holds, since renewals reach the hosts again (a cut shorter than a lease, e.g. a cut that a loaded machine
    /// ran late, expires nothing).</summary>
    public void Healed(int node, DateTime at)
    {
        foreach (var (id, due) in _gone)
        {
            if (due.Cut == node && due.By > at)
            {
                _gone.TryRemove(new KeyValuePair<string, Due>(id, due));
            }
        }
    }

    /// <summary>Reservations of <paramref name="host"/> still armed at <paramref name="now"/>, past their deadline.</summary>
    public IEnumerable<string> Violations(HostState host, DateTime now)
    {
        foreach (var cpu in host.Cpus)
        {
            foreach (var slot in cpu.Slots)
            {
                if (slot.ReservationId.Length > 0 && _gone.TryGetValue(slot.ReservationId, out var due) && now > due.By)
                {
                    var why = due.Why.Length > 0 ? $" ({due.Why})" : string.Empty;
                    yield return $"{host.Host} cpu {cpu.Cpu}: {slot.ReservationId} still armed {(now - due.By).TotalMilliseconds:0} ms after its lease ran out{why}";
                }
            }
        }
    }
}

/// <summary>When a reservation must be gone, why, and the node whose cut set it (if a cut did).</summary>
internal readonly record struct Due(DateTime By, string Why, int? Cut);
