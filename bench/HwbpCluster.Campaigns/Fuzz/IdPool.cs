using System.Collections.Concurrent;

namespace HwbpCluster.Campaigns.Fuzz;

/// <summary>
/// Ids the node handed out during the run (sessions, reservations, tasks), so generated requests name real things and reach
/// past the "not found" checks; every session ever seen is kept for the leak check at the end.
/// </summary>
public sealed class IdPool
{
    private const int Recent = 64;
    private readonly ConcurrentQueue<string> sessions = new();
    private readonly ConcurrentQueue<string> reservations = new();
    private readonly ConcurrentQueue<ulong> tids = new();
    private readonly ConcurrentDictionary<string, byte> everySession = new();

    /// <summary>Every session id the node returned.</summary>
    public IReadOnlyCollection<string> EverySession => (IReadOnlyCollection<string>)everySession.Keys;

    /// <summary>Sessions beyond the recent window, to close now so the per-token session limit is not reached.</summary>
    public IReadOnlyList<string> AddSession(string id)
    {
        everySession.TryAdd(id, 0);
        sessions.Enqueue(id);
        var evicted = new List<string>();
        while (sessions.Count > Recent && sessions.TryDequeue(out var old))
        {
            evicted.Add(old);
        }

        return evicted;
    }

    /// <summary>Remembers a reservation id.</summary>
    public void AddReservation(string id) => Bounded(reservations, id);

    /// <summary>Remembers a simulated task id.</summary>
    public void AddTid(ulong tid) => Bounded(tids, tid);

    /// <summary>A recent session id, or null when none yet.</summary>
    public string? Session(Random random) => Pick(sessions, random);

    /// <summary>A recent reservation id, or null when none yet.</summary>
    public string? Reservation(Random random) => Pick(reservations, random);

    /// <summary>A recent task id, or 0 when none yet.</summary>
    public ulong Tid(Random random) => tids.IsEmpty ? 0 : tids.ElementAtOrDefault(random.Next(tids.Count));

    private static void Bounded<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        while (queue.Count > Recent)
        {
            queue.TryDequeue(out _);
        }
    }

    private static string? Pick(ConcurrentQueue<string> queue, Random random)
    {
        var snapshot = queue.ToArray();
        return snapshot.Length == 0 ? null : snapshot[random.Next(snapshot.Length)];
    }
}
