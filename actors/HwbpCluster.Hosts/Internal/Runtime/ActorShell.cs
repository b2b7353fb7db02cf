using Akka.Actor;

namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>The Akka.NET actor that hosts one <see cref="Actor{TMessage}"/>: it delivers the messages of its protocol and owns its timers.</summary>
/// <remarks>
/// A child's failure is escalated: the host's ledgers and registry are one state, so a failure anywhere makes the whole
/// host untrustworthy and its <see cref="HostSupervisor"/> stops it (never a restart, which would forget every hold).
/// </remarks>
internal sealed class ActorShell<TMessage> : UntypedActor, IActorContext<TMessage>
{
    [ThreadStatic]
    private static ActorShell<TMessage>? _constructing;

    private static readonly SupervisorStrategy EscalateAll = new OneForOneStrategy(_ => Directive.Escalate);

    private readonly List<TimerHandle> _timers = [];
    private readonly Actor<TMessage> _actor;

    private ActorShell(Func<Actor<TMessage>> factory, TimeProvider time)
    {
        Time = time;
        Self = new ActorRef<TMessage>(base.Self);
        _constructing = this;
        try
        {
            _actor = factory();
        }
        finally
        {
            _constructing = null;
        }
    }

    internal static ActorShell<TMessage>? Constructing => _constructing;

    public new IActorRef<TMessage> Self { get; }

    public TimeProvider Time { get; }

    /// <summary>Props for an actor built by <paramref name="factory"/> on <paramref name="dispatcher"/>.</summary>
    public static Props Props(Func<Actor<TMessage>> factory, TimeProvider time, string dispatcher) =>
        Akka.Actor.Props.CreateBy(new Producer(factory, time)).WithDispatcher(dispatcher);

    public IActorRef<TChild> Spawn<TChild>(Func<Actor<TChild>> factory, string name) =>
        new ActorRef<TChild>(Context.ActorOf(ActorShell<TChild>.Props(factory, Time, Context.Props.Dispatcher), name));

    public void Stop<T>(IActorRef<T> actor)
    {
        if (actor is ActorRef<T> target)
        {
            Context.Stop(target.Untyped);
        }
    }

    public TimerHandle ScheduleTell(TimeSpan delay, TMessage message) => Schedule(delay, Timeout.InfiniteTimeSpan, message);

    public TimerHandle ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, TMessage message) =>
        Schedule(initialDelay, interval, message);

    protected override SupervisorStrategy SupervisorStrategy() => EscalateAll;

    protected override void OnReceive(object message)
    {
        if (message is TMessage typed)
        {
            _actor.Receive(typed);
        }
        else
        {
            Unhandled(message);
        }
    }

    protected override void PostStop()
    {
        foreach (var timer in _timers)
        {
            timer.Cancel();
        }

        _actor.PostStop();
    }

    private TimerHandle Schedule(TimeSpan due, TimeSpan period, TMessage message)
    {
        // Stopping cancels what is still pending; delivered one-shots and cancelled timers are forgotten here.
        _timers.RemoveAll(static t => t.IsDone);
        var self = Self;
        var timer = TimerHandle.Start(Time, due, period, () => self.Tell(message));
        _timers.Add(timer);
        return timer;
    }

    private sealed class Producer(Func<Actor<TMessage>> factory, TimeProvider time) : IIndirectActorProducer
    {
        public Type ActorType => typeof(ActorShell<TMessage>);

        public ActorBase Produce() => new ActorShell<TMessage>(factory, time);

        public void Release(ActorBase actor)
        {
        }
    }
}
