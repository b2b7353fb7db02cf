using Akka.Actor;

namespace HwbpCluster.Hosts.Internal.Runtime;

/// <summary>The root of one host's subtree: it forwards the facade's requests to the host actor and stops the host when any of its actors fails.</summary>
/// <remarks>
/// The host's ledgers, holds and registry are one state spread over its actors. After a failure it cannot be trusted, and a
/// restart would bring it back empty behind its clients' backs (ids from 1, holds forgotten, kernel events without an
/// owner). So the decision is always Stop, and <c>onFailed</c> takes the host out: its callers get UNAVAILABLE.
/// </remarks>
internal sealed class HostSupervisor : UntypedActor
{
    private readonly IActorRef _host;
    private readonly Action<Exception> _onFailed;

    public HostSupervisor(Props host, Action<Exception> onFailed)
    {
        _onFailed = onFailed;
        _host = Context.ActorOf(host, "host");
        Context.Watch(_host);
    }

    public static Props Props(Props host, Action<Exception> onFailed, string dispatcher) =>
        Akka.Actor.Props.Create(() => new HostSupervisor(host, onFailed)).WithDispatcher(dispatcher);

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(cause =>
    {
        _onFailed(cause);
        return Directive.Stop;
    });

    protected override void OnReceive(object message)
    {
        if (message is Terminated gone && gone.ActorRef.Equals(_host))
        {
            // The host was stopped after a failure: nothing of the subtree stays behind.
            Context.Stop(Self);
            return;
        }

        _host.Forward(message);
    }
}
