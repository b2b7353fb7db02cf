namespace HwbpCluster.Actors.Tests.Examples;

/// <summary>Asks every participant to prepare, then commits if all voted yes and aborts otherwise, and stops.</summary>
internal sealed class SlotCoordinator : Actor<CoordinatorMsg>
{
    private readonly long _tx;
    private readonly IReadOnlyList<IActorRef<SlotMsg>> _participants;
    private readonly Action<long, bool> _decided;
    private readonly List<int> _yes = [];
    private int _votes;

    public SlotCoordinator(long tx, int slots, IReadOnlyList<IActorRef<SlotMsg>> participants, Action<long, bool> decided)
    {
        _tx = tx;
        _participants = participants;
        _decided = decided;
        var votes = Self.Adapt((Vote v) => new CoordinatorMsg.Voted(v));
        foreach (var participant in participants)
        {
            participant.Tell(new SlotMsg.Prepare(tx, slots, votes));
        }
    }

    protected override void Receive(CoordinatorMsg message)
    {
        var vote = ((CoordinatorMsg.Voted)message).Vote;
        _votes++;
        if (vote.Yes)
        {
            _yes.Add(vote.Participant);
        }

        if (_votes < _participants.Count)
        {
            return;
        }

        var commit = _yes.Count == _participants.Count;
        foreach (var id in _yes)
        {
            _participants[id].Tell(commit ? new SlotMsg.Commit(_tx) : new SlotMsg.Abort(_tx));
        }

        _decided(_tx, commit);
        Context.Stop(Self);
    }
}
