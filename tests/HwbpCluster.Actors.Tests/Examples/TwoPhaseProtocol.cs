namespace HwbpCluster.Actors.Tests.Examples;

/// <summary>Messages of a slot-holding participant in the two-phase commit example.</summary>
internal abstract record SlotMsg
{
    public sealed record Prepare(long Tx, int Slots, IActorRef<Vote> ReplyTo) : SlotMsg;

    public sealed record Commit(long Tx) : SlotMsg;

    public sealed record Abort(long Tx) : SlotMsg;
}

/// <summary>A participant's vote on a prepare.</summary>
internal sealed record Vote(int Participant, long Tx, bool Yes);

/// <summary>Messages of the coordinator in the two-phase commit example.</summary>
internal abstract record CoordinatorMsg
{
    public sealed record Voted(Vote Vote) : CoordinatorMsg;
}
