namespace HwbpCluster.Actors;

/// <summary>The ways a test drives a deterministic run.</summary>
public sealed partial class DeterministicActorSystem
{
    /// <summary>Handles one message of a seeded-randomly chosen ready mailbox; if none is ready, fires the earliest timer.</summary>
    /// <returns>False when the system is quiescent: nothing ready and no timer pending.</returns>
    public bool Step()
    {
        Enter();
        try
        {
            return StepCore();
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Takes up to <paramref name="count"/> steps; returns how many were taken (fewer if it became quiescent).</summary>
    public long RunSteps(long count)
    {
        Enter();
        try
        {
            long taken = 0;
            while (taken < count && StepCore())
            {
                taken++;
            }

            return taken;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Handles messages until none is ready, without moving virtual time; returns the steps taken.</summary>
    public long RunUntilIdle()
    {
        Enter();
        try
        {
            return RunReadyCore();
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Steps (firing timers when idle) until nothing is ready and no timer is pending; returns the steps taken.</summary>
    /// <exception cref="InvalidOperationException">More than <paramref name="maxSteps"/> steps (e.g. a repeating timer).</exception>
    public long RunUntilQuiescent(long maxSteps = 10_000_000)
    {
        Enter();
        try
        {
            long taken = 0;
            while (StepCore())
            {
                if (++taken > maxSteps)
                {
                    throw new InvalidOperationException($"Seed {Seed}: not quiescent after {maxSteps} steps.");
                }
            }

            return taken;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Steps (firing timers when idle) until <paramref name="condition"/> holds; checked before every step.</summary>
    /// <returns>True when the condition holds; false when the system went quiescent first.</returns>
    /// <exception cref="InvalidOperationException">More than <paramref name="maxSteps"/> steps.</exception>
    public bool RunUntil(Func<bool> condition, long maxSteps = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Enter();
        try
        {
            long taken = 0;
            while (!condition())
            {
                if (!StepCore())
                {
                    return false;
                }

                if (++taken > maxSteps)
                {
                    throw new InvalidOperationException($"Seed {Seed}: the condition did not hold within {maxSteps} steps.");
                }
            }

            return true;
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Steps until <paramref name="task"/> completes, then returns its result (or throws its exception).</summary>
    /// <exception cref="InvalidOperationException">The system went quiescent first (a lost reply or a deadlock), or <paramref name="maxSteps"/> ran out.</exception>
    public T Run<T>(Task<T> task, long maxSteps = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(task);
        RunUntilCompleted(task, maxSteps);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Steps until <paramref name="task"/> completes, then rethrows its exception if it failed.</summary>
    public void Run(Task task, long maxSteps = 10_000_000)
    {
        ArgumentNullException.ThrowIfNull(task);
        RunUntilCompleted(task, maxSteps);
        task.GetAwaiter().GetResult();
    }

    /// <summary>Moves virtual time forward by <paramref name="delta"/>, handling every message and timer due on the way, in order.</summary>
    public void AdvanceTime(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        Enter();
        try
        {
            var target = _clock.NowTicks + delta.Ticks;
            RunReadyCore();
            while (_clock.PeekDue() is { } due && due <= target)
            {
                _clock.FireNext();
                StepCount++;
                RunReadyCore();
            }

            _clock.AdvanceTo(target);
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>Stops every actor and runs until they have all stopped.</summary>
    public override Task TerminateAsync()
    {
        var done = base.TerminateAsync();
        RunUntilIdle();
        return done;
    }

    private void RunUntilCompleted(Task task, long maxSteps)
    {
        Enter();
        try
        {
            long taken = 0;
            while (!task.IsCompleted)
            {
                if (!StepCore())
                {
                    throw new InvalidOperationException(
                        $"Seed {Seed}: quiescent after {StepCount} steps but the awaited task has not completed (lost reply or deadlock).");
                }

                if (++taken > maxSteps)
                {
                    throw new InvalidOperationException($"Seed {Seed}: the awaited task did not complete within {maxSteps} steps.");
                }
            }
        }
        finally
        {
            _running = false;
        }
    }
}
