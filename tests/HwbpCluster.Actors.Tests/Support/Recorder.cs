namespace HwbpCluster.Actors.Tests.Support;

/// <summary>Records every message it gets, in order; thread-safe so production-mode tests can read it.</summary>
internal sealed class Recorder<T>
{
    private readonly List<T> _items = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }
}
