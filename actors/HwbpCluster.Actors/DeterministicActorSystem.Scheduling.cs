using System.Diagnostics;
using HwbpCluster.Actors.Internal;

namespace HwbpCluster.Actors;

/// <summary>The scheduler itself: the seeded choice, the ready list and the single-thread guard.</summary>
public sealed partial class DeterministicActorSystem
{
    private int _runThread;

    /// <summary>Chance (0 to 1) that a step fires the earliest pending timer although mailboxes are ready; 0 by default.</summary>
    /// <remarks>
    /// At 0, time moves only when nothing is ready, so a reply in flight always beats a timeout. Above 0, the run
    /// also explores timeouts that overtake replies, as if handling messages took time. Still seeded and replayable.
    /// </remarks>
    public double TimerPreemption
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            field = value;
        }
    }

    /// <summary>Refuses a message from another thread while a run is in progress (it would race the scheduler).</summary>
    internal void CheckThread()
    {
        if (_running && Environment.CurrentManagedThreadId != _runThread)
        {
            throw new InvalidOperationException(
                "A deterministic actor system was sent a message from another thread during a run; drive it from one thread.");
        }
    }

    private void Enter()
    {
        if (_running)
        {
            throw new InvalidOperationException("A deterministic run is already in progress on this system (do not drive it from a handler or continuation).");
        }

        _running = true;
        _runThread = Environment.CurrentManagedThreadId;
    }

    private long RunReadyCore()
    {
        long taken = 0;
        while (RunReadyOne())
        {
            taken++;
        }

        return taken;
    }

    private bool StepCore()
    {
        if (TimerPreemption > 0 && _ready.Count > 0 && _random.NextDouble() < TimerPreemption && _clock.FireNext())
        {
            StepCount++;
            return true;
        }

        if (RunReadyOne())
        {
            return true;
        }

        if (_clock.FireNext())
        {
            StepCount++;
            return true;
        }

        return false;
    }

    private bool RunReadyOne()
    {
        while (_external.TryDequeue(out var action))
        {
            action();
        }

        var count = _ready.Count;
        if (count == 0)
        {
            return false;
        }

        var item = _ready[count == 1 ? 0 : _random.Next(count)];
        StepCount++;
        item.RunOne();
        if (!item.HasWork)
        {
            RemoveReady(item);
        }

        return true;
    }

    private void RemoveReady(ISchedulable item)
    {
        var index = item.ReadyIndex;
        Debug.Assert(index >= 0 && _ready[index] == item, "a ready item knows its own slot");
        var lastIndex = _ready.Count - 1;
        var last = _ready[lastIndex];
        _ready[index] = last;
        last.ReadyIndex = index;
        _ready.RemoveAt(lastIndex);
        item.ReadyIndex = -1;
    }
}
