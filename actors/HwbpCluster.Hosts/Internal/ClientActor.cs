using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>One client session on this host: feeds its reservation-event subscriptions until the session closes.</summary>
internal sealed class ClientActor : Actor<ClientMsg>
{
    private readonly List<EventSubscription<ReservationEvent>> _events = [];

    protected internal override void Receive(ClientMsg message)
    {
        switch (message)
        {
            case ClientMsg.WatchEvents watch:
                _events.Add(watch.Subscription);
                break;
            case ClientMsg.Unwatch unwatch:
                _events.RemoveAll(s => ReferenceEquals(s, unwatch.Subscription));
                break;
            case ClientMsg.Event change:
                foreach (var subscription in _events)
                {
                    subscription.Publish(change.Change);
                }

                break;
            case ClientMsg.Close:
                Context.Stop(Self);
                break;
            default:
                break;
        }
    }

    protected internal override void PostStop()
    {
        foreach (var subscription in _events)
        {
            subscription.Complete();
        }
    }
}
