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
    private readonly ConcurrentDictionary<string, (DateTime By, string Why)> _gone = new();

    /// <summary>Reservations with a deadline so far.</summary>
    public int Count => _gone.Count;

    /// <summary><paramref name="reservationId"/> must be gone from every slot by <paramref name="by"/> (the earliest deadline is kept),
    /// because of <paramref name="why"/> (which session, which fault: for the report).</summary>
    public void Expect(string reservationId, DateTime by, string why = "") =>
        _gone.AddOrUpdate(reservationId, (by, why), (_, old) => old.By < by ? old : (by, why));

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
