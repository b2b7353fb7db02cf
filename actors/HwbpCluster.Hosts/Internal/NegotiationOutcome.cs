namespace HwbpCluster.Hosts.Internal;

/// <summary>How a negotiation ended, for its coordinator's continuation.</summary>
/// <param name="Admitted">Committed on every CPU of the plan.</param>
/// <param name="Holders">For a refusal: who holds the slots.</param>
/// <param name="RefusedCpu">For a refusal: the CPU that refused; else -1.</param>
internal readonly record struct NegotiationOutcome(bool Admitted, string Holders, int RefusedCpu);
