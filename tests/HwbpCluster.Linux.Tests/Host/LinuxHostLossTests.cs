using HwbpCluster.Hosts;
using HwbpCluster.Linux.Host;
using HwbpCluster.Linux.Tests.Host.Support;
using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Host;

/// <summary>Every hit is either delivered or counted as lost: in the reservation's listing and in the watch's dropped count.</summary>
[Collection(HardwareCollection.Name)]
public sealed class LinuxHostLossTests
{
    private const int Writes = 2_000;

    [HitsFact]
    public async Task A_ring_too_small_for_the_hit_rate_tells_the_client_exactly_how_many_hits_it_missed()
    {
        // One page (73 samples). The kernel wakes the reader each half page whatever wakeup_events says, so a reader with a
        // CPU of its own keeps up; it is held off the CPUs while the burst runs, so the kernel fills the page and loses the rest.
        var tiny = new LinuxHostOptions
        {
            RingDataPages = 1, WakeupEvents = 1_000_000, Reader = new HitReaderOptions { PollTimeout = TimeSpan.FromSeconds(1) },
        };
        await using HostRig rig = await HostRig.StartAsync(options: tiny);
        await using EventSubscription<HitRecord> hits = rig.Host.WatchHits(rig.Session, 2 * Writes);
        ReservationView watch = await rig.WatchAsync(0);

        await rig.Thread.RunAsync(() =>
        {
            using IDisposable held = Affinity.HoldHitReadersOff(cpu: 0);
            for (int i = 0; i < Writes; i++)
            {
                Access.Write64(rig.Block.At(0), 7);
            }
        });
        List<HitRecord> delivered = await Feeds.BufferedAsync(hits, TimeSpan.FromSeconds(3));
        ReservationView listed = Assert.Single(await rig.Host.ListReservationsAsync(rig.Session));

        ulong missed = (ulong)(Writes - delivered.Count);
        Assert.True(missed > 0, "the ring was large enough: nothing was lost, so the test proves nothing");
        Assert.Equal((ulong)Writes, listed.Hits);
        Assert.Equal(missed, listed.Losses.Total);
        Assert.Equal(missed, listed.Losses.Kernel);
        Assert.Equal((long)missed, hits.Dropped);
        Assert.All(delivered, hit => Assert.Equal(watch.Id, hit.ReservationId));
    }
}
