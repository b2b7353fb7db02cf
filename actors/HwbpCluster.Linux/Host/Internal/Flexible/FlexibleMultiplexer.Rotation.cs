namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>Slices: the rotation decides who runs, the carriers are re-aimed to match.</summary>
internal sealed partial class FlexibleMultiplexer
{
    private void EnsureTicking()
    {
        if (_timer is null && _members.Count > 0 && !_disposed)
        {
            _timer = _time.CreateTimer(_ => Tick(), null, _slice, _slice);
        }
    }

    /// <summary>One slice boundary: every rotation moves on and its carriers follow; rotations short of carriers ask again.</summary>
    /// <remarks>Called by the timer every slice; public so that a test with a manual clock can drive it.</remarks>
    public void Tick() => Step(nextSlice: true);

    // Every rotation to its carriers (after the next slice's move, for a tick); rotations short of carriers ask again.
    private void Step(bool nextSlice)
    {
        // A tick still running (a slow kernel call) makes this one redundant; a missed tick is a slice later for everyone.
        if (!_gate.TryEnter())
        {
            return;
        }

        var gone = new List<int>();
        try
        {
            if (_disposed)
            {
                return;
            }

            TimeSpan now = Now;
            if (nextSlice)
            {
                _sliceClock += _slice;
            }

            foreach (FlexibleContext context in _contexts.Values.ToList())
            {
                try
                {
                    _ = Rebalance(context, now, gone);
                }
                catch (Exception ex) when (ex is PerfException or ObjectDisposedException)
                {
                    // One rotation's trouble (an event the kernel no longer answers for) must not stop the others, nor end the
                    // timer's thread: the rotation is tried again at the next tick.
                }
            }
        }
        finally
        {
            _gate.Exit();
        }

        ReportGone(gone);
    }

    // Carriers to match the members (never more than members, as many as the kernel grants up to the pool's slots), then
    // the rotation's choice for this slice. Returns the kernel's refusal of a new carrier unless it was for room (or, with
    // gone given, a vanished task, which is added to it instead).
    private PerfFailure? Rebalance(FlexibleContext context, TimeSpan now, List<int>? gone, bool grow = true)
    {
        while (context.Carriers.Count > context.Members.Count)
        {
            Carrier surplus = context.Carriers.Find(c => !context.Members.ContainsKey(c.Holds.Id)) ?? context.Carriers[^1];
            CloseCarrier(context, surplus, now);
        }

        PerfFailure? refused = grow ? Grow(context, now, gone) : null;
        context.Rotation.Advance(_sliceClock, context.Carriers.Count);
        Assign(context, now);
        return refused;
    }

    private PerfFailure? Grow(FlexibleContext context, TimeSpan now, List<int>? gone)
    {
        int wanted = Math.Min(context.Members.Count, _profile.Slots(context.Pool));
        while (context.Carriers.Count < wanted && now >= context.GrowAfter)
        {
            FlexibleMember first = context.Members.Values.First(m => !context.Carriers.Exists(c => c.Holds == m));
            PerfOpenResult opened = PerfBreakpoint.TryOpen(context.Target, KernelSpecs.ToKernel(first.Spec), _options);
            if (!opened.IsSuccess)
            {
                context.GrowAfter = now + GrowBackoff;
                if (opened.Failure.Kind == PerfErrorKind.NoFreeSlot)
                {
                    return null;
                }

                if (opened.Failure.Kind == PerfErrorKind.NoSuchTask && gone is not null)
                {
                    gone.Add(context.Target.Pid);
                    return null;
                }

                return opened.Failure;
            }

            AddCarrier(context, new Carrier(opened.Breakpoint, first, now));
        }

        return null;
    }

    // Carriers already holding a member that runs in this slice keep it; the others are handed to the rest of the runners.
    private void Assign(FlexibleContext context, TimeSpan now)
    {
        List<long> runners = [.. context.Rotation.Running];
        var free = new List<Carrier>();
        foreach (Carrier carrier in context.Carriers.ToList())
        {
            if (runners.Remove(carrier.Holds.Id))
            {
                if (carrier.Event.Spec != KernelSpecs.ToKernel(carrier.Holds.Spec))
                {
                    _ = HandOver(context, carrier, carrier.Holds, now);
                }
            }
            else
            {
                free.Add(carrier);
            }
        }

        for (int i = 0; i < free.Count && i < runners.Count; i++)
        {
            _ = HandOver(context, free[i], context.Members[runners[i]], now);
        }
    }

    // Re-aims a carrier at a member with an exact boundary between the two holds. A carrier the kernel will not re-aim
    // (a move between user and kernel space needs a fresh event) is closed and, for such a move, opened again.
    private PerfFailure? HandOver(FlexibleContext context, Carrier carrier, FlexibleMember next, TimeSpan now)
    {
        BreakpointSpec aim = KernelSpecs.ToKernel(next.Spec);
        if (aim.IsKernelAddress != carrier.Event.Spec.IsKernelAddress)
        {
            CloseCarrier(context, carrier, now);
            PerfOpenResult reopened = PerfBreakpoint.TryOpen(context.Target, aim, _options);
            if (!reopened.IsSuccess)
            {
                context.GrowAfter = now + GrowBackoff;
                return reopened.Failure;
            }

            AddCarrier(context, new Carrier(reopened.Breakpoint, next, now));
            return null;
        }

        if (carrier.Event.TryHandOver(aim, out PerfCounters before, out long boundaryNs) is { } refused)
        {
            CloseCarrier(context, carrier, now);
            context.GrowAfter = now + GrowBackoff;
            return refused;
        }

        carrier.Settle(before.Hits, now);
        carrier.Take(next, boundaryNs);
        return null;
    }

    private void AddCarrier(FlexibleContext context, Carrier carrier)
    {
        context.Carriers.Add(carrier);
        _byEvent[carrier.Event.Id] = carrier;
        try
        {
            _attach(carrier.Event);
        }
        catch (ObjectDisposedException)
        {
            // The host's reader is gone (the host is being disposed): the carrier counts, nothing streams.
        }
    }

    // Credits the holder with the carrier's last hits and time, then frees the kernel slot.
    private void CloseCarrier(FlexibleContext context, Carrier carrier, TimeSpan now)
    {
        carrier.Settle(ReadCount(carrier), now);
        context.Carriers.Remove(carrier);
        _byEvent.Remove(carrier.Event.Id);
        carrier.Event.Dispose();
    }

    private static ulong ReadCount(Carrier carrier)
    {
        try
        {
            return carrier.Event.ReadCounters().Hits;
        }
        catch (PerfException)
        {
            // Its task is gone and the read failed: nothing more than what was settled.
            return carrier.Base;
        }
    }
}
