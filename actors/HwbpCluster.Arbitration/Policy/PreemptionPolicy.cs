namespace HwbpCluster.Arbitration.Policy;

/// <summary>Who may take a slot from whom: kgdb may suspend pinned perf reservations, and nothing else is ever taken.</summary>
/// <remarks>
/// ptrace reservations are never suspended: a debugger's watchpoint that silently stops firing is a wrong answer, while a
/// perf count is scaled and reported with time_enabled/time_running. Flexible perf reservations hold no slot, so there is
/// nothing to take from them.
/// </remarks>
public static class PreemptionPolicy
{
    /// <summary>True when a pinned request of <paramref name="kind"/> may suspend others to make room.</summary>
    public static bool MayPreempt(ClientKind kind, bool pinned) => kind == ClientKind.Kgdb && pinned;

    /// <summary>True when <paramref name="requester"/> may suspend a reservation of <paramref name="victimKind"/>.</summary>
    public static bool MaySuspend(ClientKind requester, ClientKind victimKind, bool victimPinned) =>
        requester == ClientKind.Kgdb && victimKind == ClientKind.Perf && victimPinned;
}
