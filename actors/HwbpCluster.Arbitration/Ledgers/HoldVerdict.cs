namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>What a coordinator's commit of a held request decides (<see cref="HeldRequests.Commit"/>).</summary>
public enum HoldVerdict
{
    /// <summary>Held and in time: commit its ledger holds everywhere.</summary>
    Commit = 0,

    /// <summary>Held, but its deadline passed: abort its ledger holds everywhere and tell the coordinator it was aborted.</summary>
    Expired = 1,

    /// <summary>Not held: never prepared here, already aborted, or already expired and given back.</summary>
    Unknown = 2,
}
