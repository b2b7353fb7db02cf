using HwbpCluster.Node.Diagnostics;

namespace HwbpCluster.Node.Tests.Diagnostics;

public sealed class IdleCollectionPolicyTests
{
    private const long Mb = 1L << 20;

    [Fact]
    public void A_burst_then_quiet_seconds_collect_once()
    {
        var policy = new IdleCollectionPolicy(quietSeconds: 3);
        var samples = new Samples(policy);
        samples.Allocate(100 * Mb); // the burst
        Assert.Equal([false, false, true], samples.Quiet(3));
        Assert.Equal([false, false, false, false, false], samples.Quiet(5)); // nothing new to give back: no second collection
    }

    [Fact]
    public void A_busy_node_is_never_collected_however_much_it_allocates()
    {
        var samples = new Samples(new IdleCollectionPolicy(quietSeconds: 2));
        for (var second = 0; second < 100; second++)
        {
            Assert.False(samples.Allocate(IdleCollectionPolicy.DefaultQuietBytesPerSecond + 1));
        }
    }

    [Fact]
    public void Quiet_seconds_must_follow_each_other()
    {
        var samples = new Samples(new IdleCollectionPolicy(quietSeconds: 3));
        samples.Allocate(64 * Mb);
        Assert.Equal([false, false], samples.Quiet(2));
        Assert.False(samples.Allocate(2 * Mb)); // activity again: the count starts over
        Assert.Equal([false, false, true], samples.Quiet(3));
    }

    [Fact]
    public void A_small_burst_is_not_worth_a_collection()
    {
        var samples = new Samples(new IdleCollectionPolicy(quietSeconds: 1));
        samples.Allocate(IdleCollectionPolicy.DefaultGarbageBytes - 4 * 1024); // the three quiet seconds below add 3 KB
        Assert.Equal([false, false, false], samples.Quiet(3));
    }

    [Fact]
    public void A_full_collection_of_the_runtimes_own_forgets_what_came_before_it()
    {
        var samples = new Samples(new IdleCollectionPolicy(quietSeconds: 2));
        samples.Allocate(100 * Mb);
        samples.FullCollectionRan();
        Assert.Equal([false, false, false], samples.Quiet(3));
        samples.Allocate(40 * Mb);
        Assert.Equal([false, true], samples.Quiet(2));
    }

    [Fact]
    public void Small_quiet_allocations_add_up_to_a_collection_only_after_a_burst()
    {
        var samples = new Samples(new IdleCollectionPolicy(quietSeconds: 2, garbageBytes: 10 * Mb, quietBytesPerSecond: Mb));
        for (var second = 0; second < 9; second++)
        {
            Assert.False(samples.Allocate(Mb)); // 9 MB over 9 quiet seconds: under the garbage bound
        }

        Assert.True(samples.Allocate(Mb)); // the tenth megabyte, quiet for longer than two seconds
    }

    /// <summary>Feeds the policy the counters a process would show, one sample a second.</summary>
    private sealed class Samples
    {
        private readonly IdleCollectionPolicy _policy;
        private long _allocated = 500 * Mb; // a process that has allocated before the policy started
        private int _fullCollections = 7;

        public Samples(IdleCollectionPolicy policy)
        {
            _policy = policy;
            Assert.False(_policy.Observe(_allocated, _fullCollections)); // the first sample only sets the baseline
        }

        public bool Allocate(long bytes) => _policy.Observe(_allocated += bytes, _fullCollections);

        public bool[] Quiet(int seconds) => Enumerable.Range(0, seconds).Select(_ => Allocate(1024)).ToArray();

        public void FullCollectionRan() => _fullCollections++;
    }
}
