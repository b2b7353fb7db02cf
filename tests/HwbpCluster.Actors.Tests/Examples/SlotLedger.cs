namespace HwbpCluster.Actors.Tests.Examples;

/// <summary>The reference model: committed slots per participant, which must never exceed its capacity.</summary>
internal sealed class SlotLedger(int participants, int capacity)
{
    private readonly int[] _committed = new int[participants];

    public IReadOnlyList<int> Committed => _committed;

    public void Commit(int participant, int slots)
    {
        _committed[participant] += slots;
        if (_committed[participant] > capacity)
        {
            throw new InvalidOperationException($"participant {participant} is over capacity: {_committed[participant]} > {capacity}");
        }
    }
}
