using System.Diagnostics.CodeAnalysis;
using HwbpCluster.Hosts.Internal.Runtime;

namespace HwbpCluster.Hosts.Internal.HostParts;

/// <summary>The host's open sessions, each with the client actor that feeds its reservation events.</summary>
internal sealed class SessionTable(HostTurn turn)
{
    private readonly Dictionary<string, OpenSession> _open = new(StringComparer.Ordinal);

    /// <summary>Opens a session (true), finds it already open as the same kind (false), or refuses another kind.</summary>
    public Reply<bool> Open(SessionInfo session)
    {
        if (_open.TryGetValue(session.SessionId, out var known))
        {
            return known.Info.Kind == session.Kind
                ? Reply<bool>.Ok(false)
                : Reply<bool>.Fail(HostError.FailedPrecondition, $"session {session.SessionId} is already open as {known.Info.Kind}");
        }

        var name = $"{session.Kind.ToString().ToLowerInvariant()}-{turn.NextActorNumber()}-{ActorNames.Part(session.SessionId, 40)}";
        _open.Add(session.SessionId, new OpenSession(session, turn.Spawn(() => new ClientActor(), name)));
        return Reply<bool>.Ok(true);
    }

    public bool TryGet(string sessionId, [MaybeNullWhen(false)] out OpenSession session) => _open.TryGetValue(sessionId, out session);

    public bool IsOpen(string sessionId) => _open.ContainsKey(sessionId);

    public bool Remove(string sessionId, [MaybeNullWhen(false)] out OpenSession session) => _open.Remove(sessionId, out session);

    /// <summary>The session's client actor, or null once it has closed.</summary>
    public IActorRef<ClientMsg>? ClientOf(string sessionId) => _open.TryGetValue(sessionId, out var session) ? session.Client : null;
}
