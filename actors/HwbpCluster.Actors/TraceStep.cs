namespace HwbpCluster.Actors;

/// <summary>One step of a deterministic run: which mailbox ran and what it processed.</summary>
/// <param name="Step">The step number, from 1.</param>
/// <param name="At">Virtual time since the system started.</param>
/// <param name="Actor">The path of the actor (or <c>ask:</c> reply address) that ran.</param>
/// <param name="Message">The user message, or the name of the lifecycle message (e.g. <c>$Create</c>).</param>
public sealed record TraceStep(long Step, TimeSpan At, string Actor, object Message);
