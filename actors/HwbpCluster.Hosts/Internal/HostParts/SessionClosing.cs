namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>Closing a session: its fleet holds are aborted, its guests leave, its reservations are released, then its feeds end.</summary>
internal sealed class SessionClosing(
    HostTurn turn, SessionTable sessions, ReservationRegistry registry, FleetHolds holds, GuestBorrows guests, Releases releases,
    EventPublisher publisher)
{
    public void OnClose(HostMsg.CloseSession close)
    {
        if (!sessions.Remove(close.SessionId, out var session))
        {
            close.Reply.Tell(Reply<int>.Fail(HostError.NotFound, $"session {close.SessionId} is not open on host {turn.Name}"));
            return;
        }

        holds.AbortAllOf(close.SessionId);
        guests.LeaveAllOf(close.SessionId);
        var records = registry.Of(close.SessionId);
        var left = records.Length;
        void End()
        {
            publisher.Closed(close.SessionId);
            session.Client.Tell(new ClientMsg.Close());
            close.Reply.Tell(Reply<int>.Ok(records.Length));
        }

        if (left == 0)
        {
            End();
            return;
        }

        foreach (var record in records)
        {
            releases.Drop(record, close.Reason, () =>
            {
                if (--left == 0)
                {
                    End();
                }
            }, session.Client);
        }
    }
}
