namespace HwbpCluster.Linux.Host.Internal.Flexible;

/// <summary>Samples and notices of carriers: each goes to the member the carrier held when the kernel wrote it.</summary>
internal sealed partial class FlexibleMultiplexer
{
    /// <summary>True if <paramref name="eventId"/> is a carrier's.</summary>
    public bool IsCarrier(ulong eventId)
    {
        lock (_gate)
        {
            return _byEvent.ContainsKey(eventId);
        }
    }

    /// <summary>The member a carrier's sample belongs to (by the sample's time against the carrier's hand-overs); null if
    /// the event is not a carrier's, or the member has been released since.</summary>
    public FlexibleRoute? Route(in RawHit hit)
    {
        lock (_gate)
        {
            if (!_byEvent.TryGetValue(hit.EventId, out Carrier? carrier))
            {
                return null;
            }

            FlexibleMember member = carrier.HolderAt(hit.Time);
            return _members.ContainsKey(member.Id) ? ToRoute(member, carrier) : null;
        }
    }

    /// <summary>Counts losses a carrier's ring reported on the member it holds now; that member's route, or null.</summary>
    public FlexibleRoute? AddLoss(ulong eventId, HitNoticeKind kind, ulong count)
    {
        lock (_gate)
        {
            if (!_byEvent.TryGetValue(eventId, out Carrier? carrier))
            {
                return null;
            }

            FlexibleMember member = carrier.Holds;
            member.Losses = kind switch
            {
                HitNoticeKind.Lost => member.Losses with { Kernel = member.Losses.Kernel + count },
                HitNoticeKind.Dropped => member.Losses with { Reader = member.Losses.Reader + count },
                HitNoticeKind.Corrupt => member.Losses with { Corrupt = member.Losses.Corrupt + count },
                _ => member.Losses,
            };
            return ToRoute(member, carrier);
        }
    }

    /// <summary>The task a carrier is bound to (for a hang-up: the task exited), or null for a CPU's or an unknown event.</summary>
    public int? TaskOf(ulong eventId)
    {
        lock (_gate)
        {
            return _byEvent.TryGetValue(eventId, out Carrier? carrier) && !carrier.Event.Target.IsCpu ? carrier.Event.Target.Pid : null;
        }
    }

    // The hit's slot is the index of the carrier's target among the member's (the CPU for all-cpus), as for pinned events.
    private static FlexibleRoute ToRoute(FlexibleMember member, Carrier carrier) =>
        new(member.Id, member.SessionId, member.Spec, Math.Max(0, Array.IndexOf(member.Targets, carrier.Event.Target)));
}
