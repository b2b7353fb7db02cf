namespace HwbpCluster.Hosts.Internal;

/// <summary>The end of a prepare chain, sent to its coordinator.</summary>
/// <param name="TxId">The negotiation.</param>
/// <param name="Kind">All held (coordinator decides), committed at once (single CPU), or refused.</param>
/// <param name="RefusedIndex">The index in the plan's CPU list that refused (or, in an optimistic round, that answered).</param>
/// <param name="Holders">For a refusal: who holds the slots there.</param>
internal sealed record NegotiationResult(long TxId, NegotiationResultKind Kind, int RefusedIndex, string Holders);
