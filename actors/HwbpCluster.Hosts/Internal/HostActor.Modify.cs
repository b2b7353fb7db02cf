using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Hosts.Internal;

/// <summary>Changing a reservation's spec in place; a change of pool re-checks room and leaves it unchanged when there is none.</summary>
internal sealed partial class HostActor
{
    private void OnModify(HostMsg.Modify modify)
    {
        if (!_reservations.TryGetValue(modify.Id, out var record) || record.Session.SessionId != modify.SessionId)
        {
            modify.Reply.Tell(Fail<ReservationView>(HostError.NotFound, $"session {modify.SessionId} holds no reservation {modify.Id} on host {_host.Name}"));
            return;
        }

        var validation = BreakpointValidator.Validate(Profile, modify.Spec, record.Scope, record.Session.Kind, record.Session.Privileged);
        if (!validation.IsValid)
        {
            modify.Reply.Tell(Rejected(validation));
            return;
        }

        var pool = Profile.PoolOf(modify.Spec.Access);
        var tag = new Linearization("modify", record.Id, record.Label, record.Scope.TaskId);

        void Finish(bool ok, string holders, HostError error = HostError.NoRoom)
        {
            if (!ok)
            {
                modify.Reply.Tell(Fail<ReservationView>(error, error == HostError.NoRoom
                    ? $"no room to move r{record.Id} to {modify.Spec}: {holders}"
                    : $"reservation {record.Id} could not be modified: {holders}"));
                return;
            }

            var poolChanged = record.Pool != pool;
            record.Spec = modify.Spec;
            record.Pool = pool;
            Publish(record, "modified");
            modify.Reply.Tell(Reply<ReservationView>.Ok(record.View(_host.Name)));
            if (poolChanged)
            {
                Settle();
            }
        }

        var scope = record.Scope;
        if (scope.IsTaskBound)
        {
            TaskActorOf(scope.TaskId).Tell(new TaskMsg.Modify(record.Id, modify.Spec, pool, tag, Then<TaskOutcome>(o => Finish(o.Ok, o.Reason, o.Error))));
        }
        else if (!record.Pinned)
        {
            _host.Cpus[scope.Cpu].Tell(new CpuMsg.RepointFlexible(record.Id, modify.Spec, pool));
            _host.Linearized(tag, succeeded: true);
            Finish(true, string.Empty);
        }
        else if (record.Queued || record.Preempted || (pool == record.Pool && scope.Kind == ScopeKind.Cpu))
        {
            if (!record.Queued && !record.Preempted)
            {
                _host.Cpus[scope.Cpu].Tell(new CpuMsg.RepointCpuBound(record.Id, modify.Spec));
            }

            _host.Linearized(tag, succeeded: true);
            Finish(true, string.Empty);
        }
        else
        {
            // CPU-bound or wide: the same chain whether the pool changes or not, so every CPU re-points at its commit.
            var cpus = scope.Kind == ScopeKind.Cpu ? [scope.Cpu] : _host.AllCpus;
            LedgerChange[]? increases = pool == record.Pool ? null : [LedgerChange.AddCpuBound(pool, record.Id)];
            LedgerChange[][]? decreases = pool == record.Pool ? null : [[LedgerChange.RemoveCpuBound(record.Pool, record.Id)]];
            var shape = new PlanShape(cpus, increases, decreases) { Effect = new CpuBoundEffect(record.Id, modify.Spec, pool), Tag = tag };
            Negotiate(shape, o => Finish(o.Admitted, o.Holders));
        }
    }
}
