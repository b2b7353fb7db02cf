using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Tests.Negotiation;

/// <summary>One operation of a random schedule, issued concurrently with the others of its batch.</summary>
internal sealed class ScheduleOp
{
    public required string Kind { get; init; }

    public string Session { get; init; } = string.Empty;

    public ClientKind Client { get; init; }

    public Scope Scope { get; init; }

    public BreakpointSpec Spec { get; init; }

    public bool Inherit { get; init; }

    public string Label { get; init; } = string.Empty;

    /// <summary>Release and modify: the actual reservation id.</summary>
    public long Id { get; init; }

    public long Tid { get; init; }

    public long Child { get; init; }

    public int Cpu { get; init; }

    public Task Task { get; set; } = Task.CompletedTask;

    public long Order { get; set; } = long.MaxValue;

    public override string ToString() => Kind switch
    {
        "reserve" => $"reserve {Label} {Client} {Spec} in {Scope}{(Inherit ? " inherit" : string.Empty)}",
        "release" or "modify" => $"{Kind} r{Id}{(Kind == "modify" ? " to " + Spec : string.Empty)}",
        "fork" => $"fork {Tid} -> {Child}",
        "run" => $"run {Tid} on cpu {Cpu}",
        _ => $"{Kind} {Tid}",
    };
}
