namespace HwbpCluster.Arbitration.Policy;

/// <summary>The host's queue of requests waiting for room: served by client priority, FIFO within a kind.</summary>
/// <remarks>
/// When served, a request that still does not fit blocks every later request that competes with it for room (see
/// <see cref="RoomContention"/>), so a lower-priority or younger request never takes the room an older or more urgent one
/// is waiting for; requests that need other room go on. Not thread-safe.
/// </remarks>
public sealed class WaitQueue
{
    private readonly LinkedList<long>[] _ranks = CreateRanks();
    private readonly Dictionary<long, LinkedListNode<long>> _nodes = [];

    /// <summary>Number of waiting requests.</summary>
    public int Count => _nodes.Count;

    /// <summary>True when <paramref name="requestId"/> is waiting.</summary>
    public bool Contains(long requestId) => _nodes.ContainsKey(requestId);

    /// <summary>Adds a request at the end of its kind's line.</summary>
    /// <exception cref="ArgumentException">The request is already queued.</exception>
    public void Enqueue(long requestId, ClientKind kind)
    {
        if (_nodes.ContainsKey(requestId))
        {
            throw new ArgumentException($"request {requestId} is already queued", nameof(requestId));
        }

        _nodes.Add(requestId, _ranks[ClientPriority.Rank(kind)].AddLast(requestId));
    }

    /// <summary>Takes a request out (cancelled, deadline passed, session closed); false if it was not waiting.</summary>
    public bool Remove(long requestId)
    {
        if (!_nodes.Remove(requestId, out var node))
        {
            return false;
        }

        node.List!.Remove(node);
        return true;
    }

    /// <summary>The waiting requests in the order they would be offered room.</summary>
    public IReadOnlyList<long> ServeOrder() => _ranks.SelectMany(rank => rank).ToArray();

    /// <summary>Offers room to waiting requests in serve order; those <paramref name="tryAdmit"/> admits leave the queue.</summary>
    /// <param name="tryAdmit">Admits the request if it fits now (true), or leaves everything unchanged (false).</param>
    /// <param name="competes">competes(blocked, candidate): true when admitting candidate could take room blocked waits for.</param>
    /// <returns>The admitted request ids, in the order they were admitted.</returns>
    public IReadOnlyList<long> Drain(Func<long, bool> tryAdmit, Func<long, long, bool> competes)
    {
        ArgumentNullException.ThrowIfNull(tryAdmit);
        ArgumentNullException.ThrowIfNull(competes);
        List<long>? admitted = null;
        var blocked = new List<long>();
        foreach (var rank in _ranks)
        {
            var node = rank.First;
            while (node is not null)
            {
                var next = node.Next;
                var id = node.Value;
                if (!blocked.Exists(b => competes(b, id)))
                {
                    if (tryAdmit(id))
                    {
                        Remove(id);
                        (admitted ??= []).Add(id);
                    }
                    else
                    {
                        blocked.Add(id);
                    }
                }

                node = next;
            }
        }

        return admitted is null ? [] : admitted;
    }

    private static LinkedList<long>[] CreateRanks()
    {
        var ranks = new LinkedList<long>[ClientPriority.Ranks];
        for (var i = 0; i < ranks.Length; i++)
        {
            ranks[i] = new LinkedList<long>();
        }

        return ranks;
    }
}
