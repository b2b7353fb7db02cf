namespace HwbpCluster.Actors;

/// <summary>What a parent does with a child whose handler threw.</summary>
public enum Directive
{
    /// <summary>Keep the actor and its state; drop the failing message and go on.</summary>
    Resume,

    /// <summary>Replace the actor with a new instance from its factory (state rebuilt); the mailbox is kept.</summary>
    Restart,

    /// <summary>Stop the actor (and its children); its remaining messages go to dead letters.</summary>
    Stop,

    /// <summary>Fail the parent with the same exception, so the grandparent decides.</summary>
    Escalate,
}
