using System.Collections.Concurrent;
using Grpc.Core;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Campaigns.Faults;

/// <summary>
/// Polls every host of the cluster through its own node, over and over, and checks each view: <see cref="HostInvariants"/>
/// (slots) and <see cref="LeaseDeadlines"/> (nothing armed past its lease). A host whose node is down or cut off is skipped.
/// </summary>
public sealed class InvariantPoller(FaultNodes nodes, IReadOnlyList<Arbiter.ArbiterClient> arbiters, LeaseDeadlines deadlines)
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(2);
    private readonly ConcurrentQueue<string> _violations = new();

    /// <summary>Host views read and checked.</summary>
    public long Views { get; private set; }

    /// <summary>Rounds over every host.</summary>
    public long Rounds { get; private set; }

    /// <summary>Every violation seen, in words (the first 100).</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    /// <summary>Polls until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var host in nodes.AllHosts)
            {
                await CheckAsync(host, stop);
            }

            Rounds++;
            try
            {
                await Task.Delay(Pause, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads and checks one host once; false when its node did not answer.</summary>
    public async Task<bool> CheckAsync(string host, CancellationToken stop)
    {
        var owner = FaultNodes.OwnerOf(host);
        if (!nodes.IsRunning(owner))
        {
            return false;
        }

        // The view was taken after the request left: judging lease deadlines at the send time is never too strict.
        var sent = DateTime.UtcNow;
        HostState view;
        try
        {
            view = await arbiters[owner].GetHostAsync(new GetHostRequest { Host = host }, deadline: sent + CallBound, cancellationToken: stop);
        }
        catch (RpcException)
        {
            return false;
        }

        Views++;
        foreach (var violation in HostInvariants.Violations(view).Concat(deadlines.Violations(view, sent)))
        {
            if (_violations.Count < 100)
            {
                _violations.Enqueue($"{sent:HH:mm:ss.fff} {violation}");
            }
        }

        return true;
    }
}
