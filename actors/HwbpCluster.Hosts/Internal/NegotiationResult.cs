namespace HwbpCluster.Hosts.Internal;

/// <summary>The end of a prepare chain, or one ledger's answer in an optimistic round, sent to its coordinator.</summary>
/// <param name="TxId">The negotiation.</param>
/// <param name="Kind">All held (coordinator decides), committed at once (single ledger), refused, held or busy.</param>
/// <param name="RefusedIndex">The position in the plan that refused (or, in an optimistic round, that answered).</param>
/// <param name="Holders">For a refusal: who holds the slots there.</param>
/// <param name="Cpu">For a refusal: the CPU where the request does not fit (the summary names the lowest such CPU).</param>
internal sealed record NegotiationResult(long TxId, NegotiationResultKind Kind, int RefusedIndex, string Holders, int Cpu = -1);
