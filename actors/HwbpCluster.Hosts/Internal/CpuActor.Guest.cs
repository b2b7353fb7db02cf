using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>A KVM guest borrowing the whole register file: the host's view is kept (and kept up to date) and restored exactly.</summary>
internal sealed partial class CpuActor
{
    private string? _guest;
    private BreakpointSpec?[] _guestSlots = [];

    private Reply<IReadOnlyList<long>> OnEnterGuest(CpuMsg.EnterGuest enter)
    {
        if (_guest is not null)
        {
            return Reply<IReadOnlyList<long>>.Fail(
                HostError.FailedPrecondition, $"cpu {_cpu} is already borrowed by the guest of session {_guest}");
        }

        var total = _slotIds.Length;
        if (enter.Guest.Count > total)
        {
            return Reply<IReadOnlyList<long>>.Fail(
                HostError.InvalidArgument, $"guestBreakpoints: cpu {_cpu} has {total} slots, the guest asked for {enter.Guest.Count}");
        }

        var suspended = HostArmedIds();
        _guest = enter.SessionId;
        _guestSlots = new BreakpointSpec?[total];
        for (var s = 0; s < total; s++)
        {
            _host.Backend.Disarm(_cpu, s);
        }

        // The guest's own slot layout: its breakpoints in order, whatever the host's pools say.
        for (var i = 0; i < enter.Guest.Count; i++)
        {
            _guestSlots[i] = enter.Guest[i];
            _host.Backend.TryArm(_cpu, i, 0, enter.Guest[i], out _);
        }

        return Reply<IReadOnlyList<long>>.Ok(suspended);
    }

    private Reply<IReadOnlyList<long>> OnExitGuest(string sessionId)
    {
        if (_guest != sessionId)
        {
            return Reply<IReadOnlyList<long>>.Fail(
                HostError.FailedPrecondition,
                _guest is null ? $"cpu {_cpu} is not borrowed" : $"cpu {_cpu} is borrowed by session {_guest}, not {sessionId}");
        }

        _guest = null;
        _guestSlots = [];
        for (var s = 0; s < _slotIds.Length; s++)
        {
            if (_slotSpecs[s] is { } spec)
            {
                _host.Backend.TryArm(_cpu, s, _slotIds[s], spec, out _);
            }
            else
            {
                _host.Backend.Disarm(_cpu, s);
            }
        }

        return Reply<IReadOnlyList<long>>.Ok(HostArmedIds());
    }

    private long[] HostArmedIds() => _slotIds.Where(id => id != 0).Distinct().Order().ToArray();
}
