using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The coordinator's side of the two-phase protocol, shared by the host actor (CPU-bound, wide) and task actors.</summary>
/// <remarks>
/// <para>A plan on several ledgers (the summary, then CPUs) is first tried optimistically: the prepare goes to every ledger
/// at once, and one that cannot admit at once answers "busy" instead of waiting. If all hold, the coordinator's step is the
/// linearization point and it commits everywhere (the CPUs first, the summary last); if one refused (no pending decision
/// there could change that), the refusing ledger's step is the linearization point and every hold is aborted. If one was
/// busy, the holds are aborted and the plan runs as a chain in the one order of all plans (summary, then ascending CPUs),
/// where ledgers may wait: ordered acquisition cannot form a wait cycle, and an optimistic round never waits, so it cannot
/// be part of one either. A plan on one ledger is decided and applied there in one step.</para>
/// <para>A CPU-bound plan (a summary part and CPUs) first goes to the summary alone, which decides it in one step and tells
/// the CPUs to apply it when no task is counted in the CPU ledgers and no other CPU-bound plan runs on them; else the plan
/// runs as above, and the summary is told when it is over (<see cref="CpuMsg.CpuPlanDone"/>).</para>
/// <para>Either way every ledger of the plan ends exactly as before or with the change applied, never half.</para>
/// </remarks>
internal static class Negotiation
{
    public static void Start<TSelf>(
        HostContext host, IActorRef<TSelf> self, Func<Action, TSelf> onTurn, PlanShape shape, Action<NegotiationOutcome> done)
    {
        var run = new NegotiationRun(host, shape, done);
        run.Coordinator = self.Adapt<NegotiationResult, TSelf>(result => onTurn(() => run.OnResult(result)));
        run.Start();
    }
}
