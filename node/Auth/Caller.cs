using HwbpCluster.Arbitration;

namespace HwbpCluster.Node.Auth;

/// <summary>Who makes a call: the token's name and rights, or the unrestricted caller of a node without tokens.</summary>
/// <param name="Name">The token's name (e.g. <c>ci-perf</c>), or <c>anonymous</c>.</param>
/// <param name="Kinds">The client kinds the caller may open sessions of.</param>
/// <param name="Admin">Every kind, kernel addresses, privileged sessions, every session's details, the Simulator.</param>
/// <param name="Simulate">May drive the Simulator service (the tokens file's <c>SIM</c> right); admin tokens may too.</param>
internal sealed record Caller(string Name, IReadOnlySet<ClientKind> Kinds, bool Admin, bool Simulate = false)
{
    /// <summary>The caller of a node without a tokens file (loopback only): every right.</summary>
    public static Caller Unrestricted { get; } =
        new("anonymous", new HashSet<ClientKind>(Enum.GetValues<ClientKind>()), Admin: true, Simulate: true);

    /// <summary>Whether the caller may drive the Simulator: its tasks, context switches and accesses act on every session's reservations.</summary>
    public bool MaySimulate => Admin || Simulate;

    /// <summary>Whether the caller may open a session of <paramref name="kind"/>.</summary>
    public bool Allows(ClientKind kind) => Admin || Kinds.Contains(kind);

    /// <summary>Kernel addresses and kgdb: admin tokens and tokens that allow KGDB.</summary>
    public bool Privileged => Admin || Kinds.Contains(ClientKind.Kgdb);
}
