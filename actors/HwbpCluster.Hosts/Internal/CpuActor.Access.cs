using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Registers;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Simulated accesses turning into hits, and snapshots of the slot file.</summary>
internal sealed partial class CpuActor
{
    private IReadOnlyList<HitRecord> OnAccess(CpuMsg.Access access)
    {
        if (_guest is not null || access.Tid != _running.Tid || access.Length < 1)
        {
            return [];
        }

        var mask = 0;
        List<int>? hit = null;
        for (var s = 0; s < _slotIds.Length; s++)
        {
            if (_slotSpecs[s] is { } spec && Hits(spec, access.Address, access.Length, access.Kind))
            {
                (hit ??= []).Add(s);
                mask |= s < Dr7.Slots ? 1 << s : 0;
            }
        }

        if (hit is null)
        {
            return [];
        }

        var dr6 = _host.Profile.SharedPool ? Dr6.ForHits(mask) : 0;
        var time = Context.Time.GetUtcNow();
        var records = hit
            .Select(s => new HitRecord(_host.Name, _slotIds[s], _cpu, access.Tid, access.Ip, access.Address, access.Kind, s, dr6, time))
            .ToArray();
        _host.Hits.Deliver(records);
        return records;
    }

    // Execute hits at the exact address; data accesses hit when their byte ranges overlap and the kinds match.
    private static bool Hits(BreakpointSpec spec, ulong address, int length, Access kind)
    {
        if (spec.Access == Access.Execute || kind == Access.Execute)
        {
            return spec.Access == Access.Execute && kind == Access.Execute && spec.Address == address;
        }

        var kindMatches = kind == Access.ReadWrite || spec.Access == Access.ReadWrite || spec.Access == kind;
        var last = address + (ulong)(length - 1);
        var specLast = spec.Address + (ulong)(spec.Length - 1);
        return kindMatches && address <= specLast && spec.Address <= last;
    }

    private CpuSnapshot TakeSnapshot(int[] uniformMax)
    {
        var slots = new SlotSnapshot[_slotIds.Length];
        for (var s = 0; s < slots.Length; s++)
        {
            slots[s] = _guest is null ? new SlotSnapshot(s, _slotIds[s], _slotSpecs[s]) : new SlotSnapshot(s, 0, _guestSlots[s]);
        }

        return new CpuSnapshot(
            _cpu,
            slots,
            _host.Backend.Dr7(_cpu),
            _ledger.CpuPinned(Pool.Instruction) + _ledger.CpuPinned(Pool.Data),
            Math.Max(_ledger.MaxTaskCount(Pool.Instruction), uniformMax[0]) + Math.Max(_ledger.MaxTaskCount(Pool.Data), uniformMax[1]),
            _running.Tid,
            _guest ?? string.Empty);
    }
}
