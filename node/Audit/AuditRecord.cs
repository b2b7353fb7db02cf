using System.Text.Json.Serialization;

namespace HwbpCluster.Node.Audit;

/// <summary>One line of the audit log: what happened, when, to whom; never a token's secret (only its name).</summary>
/// <param name="Time">When, UTC.</param>
/// <param name="Event">session-opened, session-ended, granted, refused, preempted, suspended, resumed, released, lease-expired, ...</param>
/// <param name="Token">The name of the token the session belongs to (<c>anonymous</c> on a node without tokens).</param>
/// <param name="Session">The session id.</param>
internal sealed record AuditRecord(DateTimeOffset Time, string Event, string Token, string Session)
{
    /// <summary>The client kind of the session.</summary>
    public string? Kind { get; init; }

    /// <summary>The host the event happened on.</summary>
    public string? Host { get; init; }

    /// <summary>The CPUs the reservation is bound to (empty for a task-bound reservation: the task's CPUs follow it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<int>? Cpus { get; init; }

    /// <summary>The reservation, HOST/N.</summary>
    public string? Reservation { get; init; }

    /// <summary>The scope in words (cpu 2, task 100, task 100 on cpu 2, all cpus).</summary>
    public string? Scope { get; init; }

    /// <summary>Why: the host's reason, the refusal's status and message, the session's end reason.</summary>
    public string? Detail { get; init; }
}
