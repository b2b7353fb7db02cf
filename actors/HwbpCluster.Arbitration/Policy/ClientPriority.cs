namespace HwbpCluster.Arbitration.Policy;

/// <summary>The order in which waiting requests are served: kgdb, then KVM, then ptrace, then perf.</summary>
/// <remarks>
/// kgdb stops the machine for a human at a kernel debugger; KVM borrows registers for a running guest; ptrace serves an
/// interactive debugger; perf only counts. KVM does not normally queue (it borrows), and ranks next to kgdb when it does.
/// </remarks>
public static class ClientPriority
{
    /// <summary>Number of distinct ranks.</summary>
    public const int Ranks = 4;

    /// <summary>0 for the most urgent kind (kgdb) up to 3 (perf).</summary>
    public static int Rank(ClientKind kind) => kind switch
    {
        ClientKind.Kgdb => 0,
        ClientKind.Kvm => 1,
        ClientKind.Ptrace => 2,
        _ => 3,
    };
}
