namespace HwbpCluster.Actors.Tests.Examples;

/// <summary>Holds a fixed number of slots; a prepare reserves them until commit or abort.</summary>
internal sealed class SlotParticipant(int id, int capacity, SlotLedger ledger) : Actor<SlotMsg>
{
    private readonly Dictionary<long, int> _held = [];
    private int _free = capacity;

    protected override void Receive(SlotMsg message)
    {
        switch (message)
        {
            case SlotMsg.Prepare p:
                var yes = p.Slots <= _free;
                if (yes)
                {
                    _free -= p.Slots;
                    _held[p.Tx] = p.Slots;
                }

                p.ReplyTo.Tell(new Vote(id, p.Tx, yes));
                break;
            case SlotMsg.Commit c when _held.Remove(c.Tx, out var slots):
                ledger.Commit(id, slots);
                break;
            case SlotMsg.Abort a when _held.Remove(a.Tx, out var slots):
                _free += slots;
                break;
            default:
                throw new InvalidOperationException($"participant {id}: {message} for a transaction it does not hold");
        }
    }
}
