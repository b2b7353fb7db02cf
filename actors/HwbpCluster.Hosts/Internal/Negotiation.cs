using HwbpCluster.Actors;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The coordinator's side of the chained two-phase protocol, shared by the host actor (CPU-bound, wide) and task actors.</summary>
/// <remarks>
/// One message starts the chain at the lowest CPU; the last CPU (or the refusing one) answers. On "all held" the
/// coordinator's step is the linearization point: it commits everywhere. On a refusal it aborts the holds taken below the
/// refusing CPU. Either way every CPU of the plan ends exactly as before or with the change applied, never half.
/// </remarks>
internal static class Negotiation
{
    public static void Start<TSelf>(
        HostContext host, IActorRef<TSelf> self, Func<Action, TSelf> onTurn, PlanShape shape, Action<NegotiationOutcome> done)
    {
        Plan? plan = null;
        var coordinator = self.Adapt<NegotiationResult, TSelf>(result => onTurn(() => Finish(host, plan!, result, done)));
        plan = new Plan
        {
            TxId = host.NextTxId(),
            Cpus = shape.Cpus,
            Refs = host.Cpus,
            Coordinator = coordinator,
            Increases = shape.Increases,
            Decreases = shape.Decreases,
            OneStep = shape.Cpus.Length == 1,
            Effect = shape.Effect,
            TaskArmed = shape.TaskArmed,
            Tag = shape.Tag,
        };
        plan.RefAt(0).Tell(new CpuMsg.Chain(plan, 0));
    }

    private static void Finish(HostContext host, Plan plan, NegotiationResult result, Action<NegotiationOutcome> done)
    {
        switch (result.Kind)
        {
            case NegotiationResultKind.AllHeld:
                if (plan.Tag is not null)
                {
                    host.Probe?.Linearized(plan.Tag, succeeded: true);
                }

                for (var i = 0; i < plan.Cpus.Length; i++)
                {
                    plan.RefAt(i).Tell(new CpuMsg.Decide(plan.TxId, Commit: true));
                }

                done(new NegotiationOutcome(true, string.Empty, -1));
                break;
            case NegotiationResultKind.Committed:
                done(new NegotiationOutcome(true, string.Empty, -1));
                break;
            default:
                for (var i = 0; i < result.RefusedIndex; i++)
                {
                    plan.RefAt(i).Tell(new CpuMsg.Decide(plan.TxId, Commit: false));
                }

                done(new NegotiationOutcome(false, result.Holders, plan.Cpus[result.RefusedIndex]));
                break;
        }
    }
}
