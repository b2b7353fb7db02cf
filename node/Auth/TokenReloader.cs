using System.Runtime.InteropServices;
using HwbpCluster.Node.Sessions;

namespace HwbpCluster.Node.Auth;

/// <summary>Reloads the tokens file on SIGHUP, as daemons do, and ends the sessions of every token it no longer lists.</summary>
/// <remarks>
/// A file that does not load leaves the tokens in force and says why in the log: a typo must not lock every client out.
/// </remarks>
internal sealed class TokenReloader(TokenStore store, SessionRegistry sessions, ILogger<TokenReloader> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? hangup;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.IsOpen)
        {
            hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true; // SIGHUP's default would end the process
                _ = ReloadAsync();
            });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reloads the tokens; returns how many sessions ended because their token was removed.</summary>
    public async Task<int> ReloadAsync()
    {
        IReadOnlyList<string> removed;
        try
        {
            removed = store.Reload();
        }
        catch (InvalidDataException ex)
        {
            AuthLog.ReloadFailed(logger, ex.Message);
            return 0;
        }

        var ended = await sessions.EndOwnedByAsync(removed, "token-revoked");
        AuthLog.Reloaded(logger, removed.Count, ended);
        return ended;
    }

    /// <inheritdoc/>
    public void Dispose() => hangup?.Dispose();
}
