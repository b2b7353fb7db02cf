namespace HwbpCluster.Arbitration.Ledgers;

/// <summary>A CPU ledger's answer to a request for room.</summary>
public enum HoldDecision
{
    /// <summary>It fits even if every pending hold commits; when prepared, the room is now held.</summary>
    Admit = 0,

    /// <summary>It fits only if some pending holds abort: wait for their outcome rather than refuse spuriously.</summary>
    Wait = 1,

    /// <summary>It does not fit even if every pending hold aborts.</summary>
    Refuse = 2,
}
