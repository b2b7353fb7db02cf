using System.Diagnostics.Metrics;
using Grpc.Core;
using HwbpCluster.Node.Tests.Support;

namespace HwbpCluster.Node.Tests.Diagnostics;

public sealed class NodeMetricsTests
{
    [Fact]
    public async Task Grants_refusals_sessions_and_call_durations_are_measured()
    {
        await using var server = await NodeServer.StartAsync();
        using var measured = new Measurements(server);
        var client = server.Client();

        var session = await client.OpenAsync();
        await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        await Proto.FailsWith(StatusCode.NotFound, () => client.ReserveAsync("n1-nosuch", Proto.Cpu(0), Proto.Write(0x1000)));

        Assert.Equal(1, measured.Sum("hwbp.node.reservations"));
        Assert.Equal(1, measured.Sum("hwbp.node.sessions.opened"));
        Assert.Equal(1, measured.Sum("hwbp.node.sessions.active"));
        Assert.Equal(("/hwbp.v1.Arbiter/Reserve", "NotFound"), Assert.Single(measured.Refusals));
        Assert.Equal(3, measured.Count("hwbp.node.rpc.duration"));
    }

    /// <summary>Everything this node's meter records, by instrument.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> recorded = [];

        public Measurements(NodeServer server)
        {
            var factory = server.Service<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == "HwbpCluster.Node")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            listener.Start();
        }

        public IEnumerable<(string?, string?)> Refusals
        {
            get
            {
                lock (recorded)
                {
                    return recorded.Where(r => r.Instrument == "hwbp.node.refusals")
                        .Select(r => ((string?)r.Tags["method"], (string?)r.Tags["reason"])).ToArray();
                }
            }
        }

        public double Sum(string instrument)
        {
            lock (recorded)
            {
                return recorded.Where(r => r.Instrument == instrument).Sum(r => r.Value);
            }
        }

        public int Count(string instrument)
        {
            lock (recorded)
            {
                return recorded.Count(r => r.Instrument == instrument);
            }
        }

        public void Dispose() => listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var (key, tag) in tags)
            {
                copy[key] = tag;
            }

            lock (recorded)
            {
                recorded.Add((instrument.Name, value, copy));
            }
        }
    }
}
