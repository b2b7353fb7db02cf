using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Arbitration.Host;

/// <summary>Taking and giving back slots on the CPU ledgers, one scope shape at a time.</summary>
public sealed partial class HostArbiter
{
    // Takes a slot for reservation id in scope, all or nothing; on refusal returns who holds the slots.
    private SlotHolders? TryCount(long id, Scope scope, Pool pool)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Cpu:
            {
                var change = LedgerChange.AddCpuBound(pool, id);
                _cpuPinnedMaxStale[(int)pool] = true;
                return _cpus[scope.Cpu].TryApply(change) ? null : _cpus[scope.Cpu].Explain(change);
            }

            case ScopeKind.AllCpus:
            {
                var change = LedgerChange.AddCpuBound(pool, id);
                foreach (var cpu in _cpus)
                {
                    if (!cpu.FitsNow(change))
                    {
                        return cpu.Explain(change);
                    }
                }

                foreach (var cpu in _cpus)
                {
                    cpu.ApplyFitting(change);
                }

                _cpuPinnedMaxStale[(int)pool] = true;
                return null;
            }

            case ScopeKind.TaskOnCpu:
            {
                var task = TaskOf(scope.TaskId);
                var change = task.StepUp(scope.Cpu, pool);
                if (!_cpus[scope.Cpu].TryApply(change))
                {
                    return _cpus[scope.Cpu].Explain(change);
                }

                return null;
            }

            default:
                return TryCountTaskWide(TaskOf(scope.TaskId), pool);
        }
    }

    private SlotHolders? TryCountTaskWide(TaskLedger task, Pool pool)
    {
        // Two tight passes over the CPU array: check every CPU, then apply; nothing changes unless all admit.
        // Most tasks have only task-wide breakpoints, so one change serves every CPU.
        var cpus = _cpus;
        if (!task.HasCpuBoundCounts)
        {
            // Same count on every CPU, so "every CPU admits" is "the busiest CPU admits": one comparison, no first pass.
            var change = task.StepUp(0, pool);
            if (CpuPinnedMax(pool) + change.From + 1 > Profile.Slots(pool))
            {
                for (var c = 0; c < cpus.Length; c++)
                {
                    if (!cpus[c].FitsNow(change))
                    {
                        return cpus[c].Explain(change);
                    }
                }
            }

            for (var c = 0; c < cpus.Length; c++)
            {
                cpus[c].ApplyFitting(change);
            }

            return null;
        }

        for (var c = 0; c < cpus.Length; c++)
        {
            var change = task.StepUp(c, pool);
            if (!cpus[c].FitsNow(change))
            {
                return cpus[c].Explain(change);
            }
        }

        for (var c = 0; c < cpus.Length; c++)
        {
            cpus[c].ApplyFitting(task.StepUp(c, pool));
        }

        return null;
    }

    // The largest CPU-bound count over all CPUs, recomputed only after CPU-bound changes (rare next to task changes).
    private int CpuPinnedMax(Pool pool)
    {
        if (_cpuPinnedMaxStale[(int)pool])
        {
            var max = 0;
            foreach (var cpu in _cpus)
            {
                max = Math.Max(max, cpu.CpuPinned(pool));
            }

            _cpuPinnedMax[(int)pool] = max;
            _cpuPinnedMaxStale[(int)pool] = false;
        }

        return _cpuPinnedMax[(int)pool];
    }

    // Gives back the slot of a counted reservation; the caller updates the task ledger afterwards.
    private void Uncount(long id, Scope scope, Pool pool)
    {
        switch (scope.Kind)
        {
            case ScopeKind.Cpu:
                _cpus[scope.Cpu].Release(LedgerChange.RemoveCpuBound(pool, id));
                _cpuPinnedMaxStale[(int)pool] = true;
                break;
            case ScopeKind.AllCpus:
                foreach (var cpu in _cpus)
                {
                    cpu.Release(LedgerChange.RemoveCpuBound(pool, id));
                }

                _cpuPinnedMaxStale[(int)pool] = true;
                break;
            case ScopeKind.TaskOnCpu:
                _cpus[scope.Cpu].Release(_tasks[scope.TaskId].StepDown(scope.Cpu, pool));
                break;
            default:
                var task = _tasks[scope.TaskId];
                if (!task.HasCpuBoundCounts)
                {
                    var change = task.StepDown(0, pool);
                    foreach (var cpu in _cpus)
                    {
                        cpu.Release(change);
                    }

                    break;
                }

                for (var c = 0; c < _cpus.Length; c++)
                {
                    _cpus[c].Release(task.StepDown(c, pool));
                }

                break;
        }
    }

    // Counts or uncounts a reservation's slot and keeps its task ledger in step; true when it was counted.
    private bool TryActivate(Reservation reservation, out SlotHolders? holders)
    {
        holders = TryCount(reservation.Id, reservation.Request.Scope, reservation.Pool);
        if (holders is not null)
        {
            return false;
        }

        if (reservation.Request.Scope.IsTaskBound)
        {
            _tasks[reservation.Request.Scope.TaskId].SetCounted(reservation.Id, counted: true);
        }

        return true;
    }

    private void Deactivate(Reservation reservation)
    {
        Uncount(reservation.Id, reservation.Request.Scope, reservation.Pool);
        if (reservation.Request.Scope.IsTaskBound)
        {
            _tasks[reservation.Request.Scope.TaskId].SetCounted(reservation.Id, counted: false);
        }
    }
}
