namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>Pinned always win: room for a pinned open is taken from the rotations that compete with it.</summary>
internal sealed partial class FlexibleMultiplexer
{
    /// <summary>
    /// Runs <paramref name="open"/> (a pinned open, all or nothing) and, while the kernel refuses it for room on a target
    /// that a rotation's carriers compete for, closes one of those carriers and tries again; the rotation waits
    /// <see cref="GrowBackoff"/> before asking for it back, and can only get it if the kernel has room then.
    /// </summary>
    /// <param name="open">Opens the pinned events; called again after each carrier given up.</param>
    /// <param name="noRoomAt">The target the kernel had no room on, or null when <paramref name="open"/> succeeded or failed otherwise.</param>
    /// <param name="sameProcess">For a process scope: whether a tid is one of the process's threads (their carriers compete too).</param>
    public T OpenMakingRoom<T>(Func<T> open, Func<T, BreakpointTarget?> noRoomAt, Func<int, bool>? sameProcess = null)
    {
        // Held across the opens: no tick may take back the room given up before the pinned open has it.
        lock (_gate)
        {
            while (true)
            {
                T result = open();
                if (_byEvent.Count == 0 || noRoomAt(result) is not { } full || !GiveUpOne(full, sameProcess))
                {
                    return result;
                }
            }
        }
    }

    /// <summary>Rotations short of carriers ask the kernel again now (a pinned reservation was released).</summary>
    public void Poke()
    {
        lock (_gate)
        {
            foreach (FlexibleContext context in _contexts.Values)
            {
                context.GrowAfter = TimeSpan.Zero;
            }
        }

        Step(nextSlice: false);
    }

    // The carrier to give up: from a rotation of the same task first, else of a CPU, else of any task on the pinned CPU.
    private bool GiveUpOne(BreakpointTarget pinned, Func<int, bool>? sameProcess)
    {
        FlexibleContext? context = _contexts.Values
            .Where(c => c.Carriers.Count > 0 && c.CompetesWith(pinned, sameProcess))
            .OrderBy(c => c.Target.Pid == pinned.Pid ? 0 : c.Target.IsCpu ? 1 : 2)
            .ThenByDescending(c => c.Carriers.Count)
            .FirstOrDefault();
        if (context is null)
        {
            return false;
        }

        TimeSpan now = Now;
        Carrier carrier = context.Carriers[^1];
        CloseCarrier(context, carrier, now);
        context.GrowAfter = now + GrowBackoff;
        context.Rotation.Advance(_sliceClock, context.Carriers.Count);
        Assign(context, now);
        return true;
    }
}
