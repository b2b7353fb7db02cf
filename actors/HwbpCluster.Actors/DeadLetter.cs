namespace HwbpCluster.Actors;

/// <summary>A message that could not be delivered: its recipient had stopped, or an Ask had already completed.</summary>
/// <param name="Message">The undelivered message.</param>
/// <param name="Recipient">The address it was sent to.</param>
public sealed record DeadLetter(object? Message, IActorRef Recipient);
