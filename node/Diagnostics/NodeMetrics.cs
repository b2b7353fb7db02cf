using System.Diagnostics.Metrics;
using Grpc.Core;
using HwbpCluster.Arbitration;

namespace HwbpCluster.Node.Diagnostics;

/// <summary>The node's instruments on the meter "HwbpCluster.Node".</summary>
/// <remarks>Read them with <c>dotnet-counters monitor -n hwbp-node --counters HwbpCluster.Node</c>.</remarks>
internal sealed class NodeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "HwbpCluster.Node";

    private static readonly string[] StatusNames = Enum.GetValues<StatusCode>().Select(c => c.ToString()).ToArray();
    private readonly Counter<long> reservations;
    private readonly Counter<long> refusals;
    private readonly Counter<long> hits;
    private readonly Counter<long> sessionsOpened;
    private readonly Counter<long> sessionsEnded;
    private readonly UpDownCounter<long> sessionsActive;
    private readonly Counter<long> dropped;
    private readonly Histogram<double> rpcDuration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public NodeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        reservations = meter.CreateCounter<long>("hwbp.node.reservations", "{reservation}", "Reservations granted.");
        refusals = meter.CreateCounter<long>("hwbp.node.refusals", "{call}", "Calls refused, by status code (reason).");
        hits = meter.CreateCounter<long>("hwbp.node.hits", "{hit}", "Breakpoint hits delivered to watch streams.");
        sessionsOpened = meter.CreateCounter<long>("hwbp.node.sessions.opened", "{session}", "Sessions opened, by client kind.");
        sessionsEnded = meter.CreateCounter<long>("hwbp.node.sessions.ended", "{session}", "Sessions ended, by reason.");
        sessionsActive = meter.CreateUpDownCounter<long>("hwbp.node.sessions.active", "{session}", "Sessions open now.");
        dropped = meter.CreateCounter<long>("hwbp.node.events.dropped", "{event}", "Events a slow watch stream missed, by stream.");
        rpcDuration = meter.CreateHistogram<double>("hwbp.node.rpc.duration", "ms", "Server-side duration of calls, by method and status.");
    }

    /// <summary>A reservation was granted.</summary>
    public void Reserved(string host) => reservations.Add(1, new KeyValuePair<string, object?>("host", host));

    /// <summary>A call ended with a non-OK status.</summary>
    public void Refused(string method, StatusCode code) =>
        refusals.Add(1, new KeyValuePair<string, object?>("method", method), new KeyValuePair<string, object?>("reason", Name(code)));

    /// <summary>Hits were delivered to a stream.</summary>
    public void HitsDelivered(long count) => hits.Add(count);

    /// <summary>A session opened.</summary>
    public void SessionOpened(ClientKind kind)
    {
        sessionsOpened.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
        sessionsActive.Add(1);
    }

    /// <summary>A session ended.</summary>
    public void SessionEnded(ClientKind kind, string reason)
    {
        sessionsEnded.Add(
            1, new KeyValuePair<string, object?>("kind", kind.ToString()), new KeyValuePair<string, object?>("reason", reason));
        sessionsActive.Add(-1);
    }

    /// <summary>A stream ended having missed <paramref name="count"/> events.</summary>
    public void Dropped(string stream, long count) => dropped.Add(count, new KeyValuePair<string, object?>("stream", stream));

    /// <summary>A call took <paramref name="elapsed"/> and ended with <paramref name="code"/>.</summary>
    public void CallCompleted(string method, StatusCode code, TimeSpan elapsed)
    {
        if (rpcDuration.Enabled)
        {
            rpcDuration.Record(
                elapsed.TotalMilliseconds,
                new KeyValuePair<string, object?>("method", method),
                new KeyValuePair<string, object?>("status", Name(code)));
        }
    }

    // Enum.ToString on every call would cost more than the rest of the recording.
    private static string Name(StatusCode code) => (uint)code < (uint)StatusNames.Length ? StatusNames[(int)code] : code.ToString();
}
