using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Policy;

using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The slot file: pinned first, then the flexible reservations the rotation runs now, each kept in its slot.</summary>
internal sealed partial class CpuActor
{
    private readonly long[] _slotIds;
    private readonly BreakpointSpec?[] _slotSpecs;
    private readonly FlexibleRotation[] _rotations;
    private readonly Dictionary<long, ArmedBreakpoint> _flexible = [];
    private readonly Dictionary<long, ArmedBreakpoint> _members = [];
    private readonly List<ArmedBreakpoint> _desired = [];
    private TimerHandle? _tick;

    private int FirstSlot(Pool pool) => pool == Pool.Instruction ? 0 : _host.Profile.InstructionSlots;

    private void Rearm()
    {
        var now = Now;
        for (var p = 0; p < 2; p++)
        {
            var pool = (Pool)p;
            var slots = _host.Profile.Slots(pool);
            if (slots == 0)
            {
                continue;
            }

            _desired.Clear();
            foreach (var armed in _cpuBound.Values)
            {
                if (armed.Pool == pool)
                {
                    _desired.Add(armed);
                }
            }

            foreach (var armed in _running.Breakpoints)
            {
                if (armed.Pinned && armed.Pool == pool && armed.AppliesOn(_cpu))
                {
                    _desired.Add(armed);
                }
            }

            if (_desired.Count > slots || _ledger.ProjectedWorstCase(pool) > slots)
            {
                throw new InvalidOperationException(
                    $"safety: cpu {_cpu} {_host.Profile.PoolName(pool)} pool would arm {_desired.Count} pinned (worst case "
                    + $"{_ledger.ProjectedWorstCase(pool)}) in {slots} slots");
            }

            var rotation = _rotations[p];
            rotation.Advance(now, slots - _desired.Count);
            foreach (var id in rotation.Running)
            {
                _desired.Add(_members[id]);
            }

            Assign(FirstSlot(pool), slots);
        }
    }

    // Keeps armed reservations in their slots, frees the rest, fills the newcomers lowest slot first.
    private void Assign(int first, int count)
    {
        for (var s = first; s < first + count; s++)
        {
            if (_slotIds[s] != 0 && !_desired.Exists(d => d.Id == _slotIds[s] && d.Spec == _slotSpecs[s]))
            {
                _slotIds[s] = 0;
                _slotSpecs[s] = null;
                if (_guest is null)
                {
                    _host.Backend.Disarm(_cpu, s);
                }
            }
        }

        foreach (var want in _desired)
        {
            if (Array.IndexOf(_slotIds, want.Id, first, count) >= 0)
            {
                continue;
            }

            var free = Array.IndexOf(_slotIds, 0L, first, count);
            _slotIds[free] = want.Id;
            _slotSpecs[free] = want.Spec;
            if (_guest is null && !_host.Backend.TryArm(_cpu, free, want.Id, want.Spec, out var reason))
            {
                // Slots held outside our accounting (another debugger or perf user): reported, never a crash.
                _host.Host.Tell(new HostMsg.BackendRefused(want.Id, _cpu, reason));
            }
        }
    }

    // The rotation's members: this CPU's flexible reservations and the running task's flexible ones that apply here.
    private void SyncRotation()
    {
        var now = Now;
        foreach (var (id, member) in _members.ToArray())
        {
            if (!_flexible.ContainsKey(id) && !_running.Breakpoints.Any(b => b.Id == id && !b.Pinned && b.AppliesOn(_cpu)))
            {
                _members.Remove(id);
                if (_rotations[(int)member.Pool].Remove(id, now) is { } times)
                {
                    _host.Host.Tell(new HostMsg.FlexTimes(id, times, Final: true));
                }
            }
        }

        foreach (var armed in _flexible.Values.Concat(_running.Breakpoints.Where(b => !b.Pinned && b.AppliesOn(_cpu))))
        {
            if (_members.TryGetValue(armed.Id, out var existing) && existing.Pool != armed.Pool)
            {
                _rotations[(int)existing.Pool].Remove(armed.Id, now);
                _members.Remove(armed.Id);
            }

            if (_members.TryAdd(armed.Id, armed))
            {
                _rotations[(int)armed.Pool].Add(armed.Id, now);
            }
            else
            {
                _members[armed.Id] = armed;
            }
        }

        if (_members.Count > 0 && _tick is null)
        {
            _tick = Context.ScheduleTellRepeatedly(_host.Slice, _host.Slice, new CpuMsg.Tick());
        }
        else if (_members.Count == 0 && _tick is not null)
        {
            _tick.Cancel();
            _tick = null;
        }
    }
}
