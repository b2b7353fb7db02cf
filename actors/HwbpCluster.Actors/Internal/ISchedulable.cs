namespace HwbpCluster.Actors.Internal;

/// <summary>Something the deterministic scheduler can pick: a mailbox or an Ask's reply address.</summary>
internal interface ISchedulable
{
    /// <summary>Position in the scheduler's ready list, or -1 when not ready (owned by the scheduler).</summary>
    int ReadyIndex { get; set; }

    /// <summary>True when <see cref="RunOne"/> has something to do.</summary>
    bool HasWork { get; }

    /// <summary>Processes exactly one message.</summary>
    void RunOne();
}
