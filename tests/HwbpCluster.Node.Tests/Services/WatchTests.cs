using System.Diagnostics.Metrics;
using Grpc.Core;
using HwbpCluster.Node.Hosting;
using HwbpCluster.Node.Tests.Support;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Node.Tests.Services;

public sealed class WatchTests
{
    [Fact]
    public async Task A_hit_watch_streams_the_hits_that_simulated_accesses_cause()
    {
        await using var server = await NodeServer.StartAsync();
        var client = server.Client();
        var session = await client.OpenAsync();
        await Scenario.RunTaskAsync(client, 100, 1);
        var watched = await client.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000));
        var ignored = await client.ReserveAsync(session, Proto.Task(100), Proto.Write(0x2000));
        using var watch = client.Stream(Api.WatchHits, new WatchHitsRequest { SessionId = session, ReservationIds = { watched.Id } });
        await watch.ResponseHeadersAsync;

        await Scenario.WriteAsync(client, 100, 0x2000);
        await Scenario.WriteAsync(client, 100, 0x1000);

        Assert.True(await watch.ResponseStream.MoveNext());
        var hit = watch.ResponseStream.Current;
        Assert.Equal((watched.Id, "h1", 1u, 100ul, 0x1000ul), (hit.ReservationId, hit.Host, hit.Cpu, hit.Tid, hit.Address));
        Assert.NotEqual(ignored.Id, hit.ReservationId);
    }

    [Fact]
    public async Task A_watch_ends_when_its_session_closes_saying_how_many_events_it_dropped()
    {
        await using var server = await NodeServer.StartAsync();
        var client = server.Client();
        var session = await client.OpenAsync();
        using var watch = client.Stream(Api.WatchHits, new WatchHitsRequest { SessionId = session });
        await watch.ResponseHeadersAsync;

        await client.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });

        Assert.False(await watch.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);
        Assert.Equal("0", watch.GetTrailers().GetValue("hwbp-dropped"));
    }

    [Fact]
    public async Task A_reservation_watch_reports_each_change_with_its_reason()
    {
        await using var server = await NodeServer.StartAsync();
        var client = server.Client();
        var session = await client.OpenAsync();
        using var watch = client.Stream(Api.WatchReservations, new WatchReservationsRequest { SessionId = session });
        await watch.ResponseHeadersAsync;

        var reservation = await client.ReserveAsync(session, Proto.Cpu(0), Proto.Write(0x1000));
        await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = session, ReservationId = reservation.Id });

        var released = await Scenario.ReadUntilAsync(watch.ResponseStream, e => e.Reservation.State == ReservationState.Released);
        Assert.Equal(reservation.Id, released.Reservation.Id);
        Assert.False(string.IsNullOrEmpty(released.Reason));
        Assert.NotEqual(0ul, released.TimeUnixNano);
    }

    [Fact]
    public async Task A_slow_watcher_loses_counted_events_while_arbitration_goes_on()
    {
        await using var server = await NodeServer.StartAsync("--watch-buffer", "4");
        var client = server.Client();
        var session = await client.OpenAsync();
        await Scenario.RunTaskAsync(client, 100, 0);
        // Three of the four x86 slots on every CPU, so each access makes three hits and one slot stays free for others.
        for (var i = 0; i < 3; i++)
        {
            await client.ReserveAsync(session, Proto.Task(100), Proto.Write(0x1000, 8));
        }

        using var dropped = new DroppedEvents(server);
        using var watch = client.Stream(Api.WatchHits, new WatchHitsRequest { SessionId = session });
        await watch.ResponseHeadersAsync;

        // The watcher reads nothing while the task makes thousands of hits; the host must not wait for it.
        var simulator = server.Service<NodeHosts>().First.Simulator!;
        var produced = 0;
        var other = await client.OpenAsync();
        for (var round = 0; round < 2000; round++)
        {
            produced += (await simulator.AccessAsync(100, 0x1000, 4, Arbitration.Access.Write, 0x401000)).Count;
            if (round % 100 == 0)
            {
                var r = await client.ReserveAsync(other, Proto.Cpu(1), Proto.Write(0x8000));
                await client.CallAsync(Api.Release, new ReleaseRequest { SessionId = other, ReservationId = r.Id });
            }
        }

        await client.CallAsync(Api.CloseSession, new CloseSessionRequest { SessionId = session });
        var delivered = 0;
        while (await watch.ResponseStream.MoveNext())
        {
            delivered++;
        }

        var reported = long.Parse(watch.GetTrailers().GetValue("hwbp-dropped")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(6000, produced);
        Assert.True(reported > 0, $"nothing dropped: {delivered} delivered");
        Assert.Equal(produced, delivered + reported);
        Assert.Equal(reported, dropped.Total);
    }

    /// <summary>Sums the node's dropped-events counter, for this node's meter only.</summary>
    private sealed class DroppedEvents : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public DroppedEvents(NodeServer server)
        {
            var factory = server.Service<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "hwbp.node.events.dropped" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }
}
