namespace HwbpCluster.Hosts.Internal;

/// <summary>Flexible reservations joining and leaving the rotation, slice ticks, guests: the rest of the CPU's protocol.</summary>
internal sealed partial class CpuActor
{
    private void ReceiveMore(CpuMsg message)
    {
        switch (message)
        {
            case CpuMsg.AddFlexible add:
                _flexible[add.Id] = new ArmedBreakpoint(add.Id, add.Spec, add.Pool, _cpu, Pinned: false);
                SyncRotation();
                _dirty = true;
                break;
            case CpuMsg.RemoveFlexible remove:
                _flexible.Remove(remove.Id);
                SyncRotation();
                _dirty = true;
                break;
            case CpuMsg.RepointFlexible repoint when _flexible.ContainsKey(repoint.Id):
                _flexible[repoint.Id] = new ArmedBreakpoint(repoint.Id, repoint.Spec, repoint.Pool, _cpu, Pinned: false);
                SyncRotation();
                _dirty = true;
                break;
            case CpuMsg.Tick:
                Rearm();
                ReportTimes();
                break;
            case CpuMsg.EnterGuest enter:
                enter.Reply.Tell(OnEnterGuest(enter));
                break;
            case CpuMsg.ExitGuest exit:
                exit.Reply.Tell(OnExitGuest(exit.SessionId));
                break;
            default:
                break;
        }
    }

    private void ReportTimes()
    {
        foreach (var (id, member) in _members)
        {
            if (_rotations[(int)member.Pool].TimesOf(id) is { } times)
            {
                _host.Host.Tell(new HostMsg.FlexTimes(id, times, Final: false));
            }
        }
    }
}
