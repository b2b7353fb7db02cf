using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests.Model;

/// <summary>One step of a serial schedule: it runs alone, so its outcome (and everything it settles) is determined.</summary>
internal sealed record SerialStep(string Kind)
{
    public string Session { get; init; } = string.Empty;

    public ClientKind Client { get; init; }

    public Scope Scope { get; init; }

    public BreakpointSpec Spec { get; init; }

    public bool Pinned { get; init; } = true;

    /// <summary>Reserve: how long it may wait in the queue (zero: refused when there is no room).</summary>
    public TimeSpan Wait { get; init; }

    /// <summary>Release and modify: the reservation's label.</summary>
    public string Label { get; init; } = string.Empty;

    public long Tid { get; init; }

    /// <summary>Time passes: by how much.</summary>
    public TimeSpan By { get; init; }

    public override string ToString() => Kind switch
    {
        "reserve" => $"reserve {Label} {Client} {Spec} in {Scope}{(Pinned ? string.Empty : " flexible")}{(Wait > TimeSpan.Zero ? $" wait {Wait.TotalMilliseconds} ms" : string.Empty)}",
        "modify" => $"modify {Label} to {Spec}",
        "release" => $"release {Label}",
        "exit" => $"exit {Tid}",
        _ => $"time passes {By.TotalMilliseconds} ms",
    };
}
