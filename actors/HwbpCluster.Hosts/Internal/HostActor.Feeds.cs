using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal;

/// <summary>The rest of the protocol: tasks, guests, hits and times, feeds, state.</summary>
internal sealed partial class HostActor
{
    private void ReceiveMore(HostMsg message)
    {
        switch (message)
        {
            case HostMsg.Spawn spawn:
                OnSpawn(spawn);
                break;
            case HostMsg.Fork fork:
                OnFork(fork);
                break;
            case HostMsg.Exit exit:
                OnExit(exit);
                break;
            case HostMsg.Run run:
                OnRun(run);
                break;
            case HostMsg.Access access:
                OnAccess(access);
                break;
            case HostMsg.EnterGuest enter:
                OnEnterGuest(enter);
                break;
            case HostMsg.ExitGuest exit:
                OnExitGuest(exit);
                break;
            case HostMsg.Prepare prepare:
                OnPrepare(prepare);
                break;
            case HostMsg.Commit commit:
                OnCommit(commit);
                break;
            case HostMsg.Abort abort:
                OnAbort(abort);
                break;
            case HostMsg.HoldsExpire:
                OnHoldsExpire();
                break;
            case HostMsg.WaitExpired expired:
                OnWaitExpired(expired.Id);
                break;
            case HostMsg.Withdraw withdraw:
                OnWithdraw(withdraw.Reply);
                break;
            case HostMsg.BackendRefused refused when _reservations.TryGetValue(refused.Id, out var record):
                Publish(record, $"backend-refused on cpu {refused.Cpu}: {refused.Reason}");
                break;
            case HostMsg.Hits hits:
                OnHits(hits.Records);
                break;
            case HostMsg.FlexTimes times when _reservations.TryGetValue(times.Id, out var flexible):
                if (times.Final)
                {
                    flexible.FlexDone = new(flexible.FlexDone.Enabled + times.Times.Enabled, flexible.FlexDone.Running + times.Times.Running);
                    flexible.FlexCurrent = default;
                }
                else
                {
                    flexible.FlexCurrent = times.Times;
                }

                break;
            case HostMsg.WatchHits watch:
                Watch(watch.SessionId, new ClientMsg.WatchHits(watch.Subscription), watch.Subscription.Complete);
                break;
            case HostMsg.WatchEvents watch:
                Watch(watch.SessionId, new ClientMsg.WatchEvents(watch.Subscription), watch.Subscription.Complete);
                break;
            case HostMsg.Unwatch unwatch when _sessions.TryGetValue(unwatch.SessionId, out var session):
                session.Client.Tell(new ClientMsg.Unwatch(unwatch.Subscription));
                break;
            case HostMsg.State state:
                Gather<CpuSnapshot>(r => new CpuMsg.Snapshot(r), snapshots =>
                    state.Reply.Tell(Reply<HostSnapshot>.Ok(new HostSnapshot(new HostDescription(_host.Name, Profile, "sim"), snapshots))));
                break;
            case HostMsg.Counts counts:
                Gather<LedgerCounts>(r => new CpuMsg.Counts(r), all => counts.Reply.Tell(Reply<IReadOnlyList<LedgerCounts>>.Ok(all)));
                break;
            default:
                break;
        }
    }

    private void OnHits(IReadOnlyList<HitRecord> records)
    {
        foreach (var hit in records)
        {
            if (_reservations.TryGetValue(hit.ReservationId, out var record))
            {
                record.Hits++;
                SessionClient(record)?.Tell(new ClientMsg.Hit(hit));
            }
        }
    }

    private void Watch(string sessionId, ClientMsg watch, Action unknown)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
        {
            session.Client.Tell(watch);
        }
        else
        {
            unknown();
        }
    }

    // Asks every CPU and answers once all have, in CPU order.
    private void Gather<T>(Func<IActorRef<T>, CpuMsg> ask, Action<IReadOnlyList<T>> done)
    {
        var results = new T[_host.Cpus.Length];
        var left = results.Length;
        for (var c = 0; c < results.Length; c++)
        {
            var cpu = c;
            _host.Cpus[c].Tell(ask(Then<T>(value =>
            {
                results[cpu] = value;
                if (--left == 0)
                {
                    done(results);
                }
            })));
        }
    }
}
