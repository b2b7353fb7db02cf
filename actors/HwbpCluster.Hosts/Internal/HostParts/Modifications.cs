using HwbpCluster.Arbitration;
using HwbpCluster.Arbitration.Ledgers;
using HwbpCluster.Arbitration.Validation;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Changing a reservation's spec in place; a change of pool re-checks room and leaves it unchanged when there is none.</summary>
internal sealed class Modifications(HostTurn turn, ReservationRegistry registry, TaskTable tasks, EventPublisher publisher, Action settle)
{
    public void OnModify(HostMsg.Modify modify)
    {
        if (!registry.TryGetOwned(modify.SessionId, modify.Id, out var record))
        {
            modify.Reply.Tell(Reply<ReservationView>.Fail(HostError.NotFound,
                $"session {modify.SessionId} holds no reservation {modify.Id} on host {turn.Name}"));
            return;
        }

        if (record.Process is not null)
        {
            // One part moved alone would leave the group watching two places (and the kernel's inherited copies a third).
            modify.Reply.Tell(Reply<ReservationView>.Fail(HostError.FailedPrecondition,
                $"reservation {modify.Id} is part of process reservation {record.Process.Group}, whose parts move together: release it and reserve again"));
            return;
        }

        var validation = BreakpointValidator.Validate(turn.Profile, modify.Spec, record.Scope, record.Session.Kind, record.Session.Privileged);
        if (!validation.IsValid)
        {
            modify.Reply.Tell(Admission.Rejected(validation));
            return;
        }

        var pool = turn.Profile.PoolOf(modify.Spec.Access);
        var tag = new Linearization("modify", record.Id, record.Label, record.Scope.TaskId);

        void Finish(bool ok, string holders, HostError error = HostError.NoRoom)
        {
            if (!ok)
            {
                modify.Reply.Tell(Reply<ReservationView>.Fail(error, error == HostError.NoRoom
                    ? $"no room to move r{record.Id} to {modify.Spec}: {holders}"
                    : $"reservation {record.Id} could not be modified: {holders}"));
                return;
            }

            var poolChanged = record.Pool != pool;
            record.Spec = modify.Spec;
            record.Pool = pool;
            publisher.Publish(record, "modified");
            modify.Reply.Tell(Reply<ReservationView>.Ok(record.View(turn.Name)));
            if (poolChanged)
            {
                settle();
            }
        }

        var scope = record.Scope;
        if (record.Queued)
        {
            // Nothing holds room for a waiting request yet (its task actor does not know it): it is tried with the new spec.
            turn.Host.Linearized(tag, succeeded: true);
            Finish(true, string.Empty);
        }
        else if (scope.IsTaskBound)
        {
            tasks.ActorOf(scope.TaskId).Tell(new TaskMsg.Modify(record.Id, modify.Spec, pool, tag,
                turn.Then<TaskOutcome>(o => Finish(o.Ok, o.Reason, o.Error))));
        }
        else if (!record.Pinned)
        {
            turn.Cpus[scope.Cpu].Tell(new CpuMsg.RepointFlexible(record.Id, modify.Spec, pool));
            turn.Host.Linearized(tag, succeeded: true);
            Finish(true, string.Empty);
        }
        else if (record.Preempted || (pool == record.Pool && scope.Kind == ScopeKind.Cpu))
        {
            if (!record.Preempted)
            {
                turn.Cpus[scope.Cpu].Tell(new CpuMsg.RepointCpuBound(record.Id, modify.Spec));
            }

            turn.Host.Linearized(tag, succeeded: true);
            Finish(true, string.Empty);
        }
        else
        {
            // CPU-bound or wide: the same chain whether the pool changes or not, so every CPU re-points at its commit.
            // A change of pool is also one in the summary: room in the new pool, the old one's count given back at commit.
            var cpus = scope.Kind == ScopeKind.Cpu ? [scope.Cpu] : turn.Host.AllCpus;
            var cpu = RoomKeeper.SummaryCpu(scope);
            LedgerChange[]? increases = pool == record.Pool ? null : [LedgerChange.AddCpuBound(pool, record.Id)];
            LedgerChange[][]? decreases = pool == record.Pool ? null : [[LedgerChange.RemoveCpuBound(record.Pool, record.Id)]];
            var summary = pool == record.Pool ? null
                : new SummaryPart(SummaryChange.AddCpuBound(pool, record.Id, cpu), [SummaryChange.RemoveCpuBound(record.Pool, record.Id, cpu)]);
            var shape = new PlanShape(cpus, increases, decreases)
            {
                Summary = summary, Effect = new CpuBoundEffect(record.Id, modify.Spec, pool), Tag = tag,
            };
            turn.Negotiate(shape, o => Finish(o.Admitted, o.Holders));
        }
    }
}
