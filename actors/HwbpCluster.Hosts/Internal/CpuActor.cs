using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Policy;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One CPU: its ledger (accounting with two-phase holds), what is armed on it now, its rotation of flexible reservations and a guest's borrow.</summary>
/// <remarks>
/// The slot file is recomputed after every change from the CPU-bound set, the running task's list and the rotation, keeping
/// each armed reservation in its slot; a pinned set larger than the slots is a broken invariant and throws.
/// </remarks>
internal sealed partial class CpuActor : Actor<CpuMsg>
{
    private readonly HostContext _host;
    private readonly int _cpu;
    private readonly CpuLedger _ledger;
    private readonly HoldKeeper _holds;
    private readonly Dictionary<long, ArmedBreakpoint> _cpuBound = [];
    private TaskArmed _running = new(0, []);

    // Set when what may be armed changed; the slot file is recomputed once at the end of the message.
    private bool _dirty;

    public CpuActor(HostContext host, int cpu)
    {
        _host = host;
        _cpu = cpu;
        _ledger = new CpuLedger(host.Profile, cpu);
        _holds = new HoldKeeper(host, this);
        var total = host.Profile.InstructionSlots + host.Profile.DataSlots;
        _slotIds = new long[total];
        _slotSpecs = new BreakpointSpec?[total];
        _rotations = [new FlexibleRotation(host.Slice, Now), new FlexibleRotation(host.Slice, Now)];
    }

    private TimeSpan Now => Context.Time.GetUtcNow() - _host.Epoch;

    protected internal override void Receive(CpuMsg message)
    {
        Handle(message);
        if (_dirty)
        {
            _dirty = false;
            Rearm();
        }
    }

    private void Handle(CpuMsg message)
    {
        switch (message)
        {
            case CpuMsg.Chain chain:
                _holds.OnChain(chain.Plan, chain.Index);
                break;
            case CpuMsg.Decide decide:
                _holds.OnDecide(decide.TxId, decide.Commit);
                break;
            case CpuMsg.Apply apply:
                ApplyDecided(apply.Plan, apply.Index);
                break;
            case CpuMsg.RepointCpuBound repoint when _cpuBound.TryGetValue(repoint.Id, out var armed):
                _cpuBound[repoint.Id] = armed with { Spec = repoint.Spec };
                _dirty = true;
                break;
            case CpuMsg.Switch s:
                SwitchTo(s.Armed);
                s.Reply?.Tell(true);
                break;
            case CpuMsg.Idle idle when idle.Tid == _running.Tid:
                SwitchTo(new TaskArmed(0, []));
                break;
            case CpuMsg.Rearm rearm when rearm.Armed.Tid == _running.Tid && _running.Tid != 0:
                SwitchTo(rearm.Armed);
                break;
            case CpuMsg.Access access:
                access.Reply.Tell(OnAccess(access));
                break;
            case CpuMsg.Snapshot snapshot:
                snapshot.Reply.Tell(TakeSnapshot(snapshot.UniformMax));
                break;
            case CpuMsg.Counts counts:
                counts.Reply.Tell(new LedgerCounts(
                    _cpu,
                    [_ledger.CpuPinned(Pool.Instruction), _ledger.CpuPinned(Pool.Data)],
                    [_ledger.MaxTaskCount(Pool.Instruction), _ledger.MaxTaskCount(Pool.Data)],
                    [_ledger.ProjectedWorstCase(Pool.Instruction), _ledger.ProjectedWorstCase(Pool.Data)],
                    _ledger.PendingHolds,
                    _holds.Parked));
                break;
            default:
                ReceiveMore(message);
                break;
        }
    }

    private void SwitchTo(TaskArmed armed)
    {
        _running = armed;
        SyncRotation();
        _dirty = true;
    }

    private void CheckWorstCase(Pool pool)
    {
        if (_ledger.ProjectedWorstCase(pool) > _ledger.Slots(pool))
        {
            throw new InvalidOperationException(
                $"safety: cpu {_cpu} {_host.Profile.PoolName(pool)} pool worst case {_ledger.ProjectedWorstCase(pool)} exceeds {_ledger.Slots(pool)} slots");
        }
    }
}
