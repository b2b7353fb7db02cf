using HwbpCluster.Hosts.Internal.Runtime;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The TaskActor's protocol. Changes of the task are serialized: one negotiation at a time.</summary>
internal abstract record TaskMsg
{
    /// <summary>Reserve one breakpoint. With <c>OnHeld</c> (a fleet prepare), once the room is held it is called with the later
    /// decision (true: commit, false: abort) and the task stays busy until then; null: an ordinary reserve, committed at once.</summary>
    public sealed record Reserve(TaskBp Bp, Linearization? Tag, IActorRef<TaskOutcome> Reply, Action<Action<bool>>? OnHeld = null) : TaskMsg;

    public sealed record Release(long Id, Linearization? Tag, IActorRef<TaskOutcome> Reply) : TaskMsg;

    public sealed record Modify(long Id, BreakpointSpec Spec, Pool Pool, Linearization? Tag, IActorRef<TaskOutcome> Reply) : TaskMsg;

    /// <summary>kgdb preemption: stop counting and arming the breakpoint, keep it.</summary>
    public sealed record Suspend(long Id, IActorRef<TaskOutcome> Reply) : TaskMsg;

    /// <summary>Count and arm a suspended breakpoint again, if there is room now.</summary>
    public sealed record Resume(long Id, IActorRef<TaskOutcome> Reply) : TaskMsg;

    public sealed record Fork(long ChildTid, IActorRef<TaskMsg> Child, Linearization? Tag, IActorRef<TaskOutcome> Reply) : TaskMsg;

    /// <summary>To a new child: take these copies of the parent's inherited breakpoints.</summary>
    public sealed record Adopt(IReadOnlyList<TaskBp> Copies, IActorRef<TaskMsg> Parent) : TaskMsg;

    public sealed record Adopted(IReadOnlyList<TaskBp> Copies) : TaskMsg;

    public sealed record Exit(Linearization? Tag, IActorRef<TaskOutcome> Reply) : TaskMsg;

    public sealed record RunOn(int Cpu, IActorRef<bool>? Reply) : TaskMsg;

    /// <summary>From the host, after it has the exit's outcome: every earlier request has been answered, so the actor can go.</summary>
    public sealed record Stop : TaskMsg;

    /// <summary>A continuation to run on the task actor's own turn.</summary>
    public sealed record Continue(Action Action) : TaskMsg;
}
