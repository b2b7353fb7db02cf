using HwbpCluster.Cluster.Internal;

namespace HwbpCluster.Cluster.Tests;

public sealed class OutboxTests
{
    private readonly List<(string To, List<int> Items)> sent = [];
    private readonly List<IThreadPoolWorkItem> drains = [];

    [Fact]
    public void What_is_posted_before_the_drain_runs_goes_as_one_batch_per_destination_in_the_order_posted()
    {
        var outbox = NewOutbox(size: _ => 10);

        outbox.Post("a", 1);
        outbox.Post("b", 2);
        outbox.Post("a", 3);
        outbox.Post("a", 4);
        Assert.Single(drains);
        drains[0].Execute();

        Assert.Equal(2, sent.Count);
        Assert.Equal([1, 3, 4], sent.Single(s => s.To == "a").Items);
        Assert.Equal([2], sent.Single(s => s.To == "b").Items);
    }

    [Fact]
    public void A_post_after_a_drain_started_schedules_the_next_drain_and_nothing_is_sent_twice()
    {
        var outbox = NewOutbox(size: _ => 10);
        outbox.Post("a", 1);
        drains[0].Execute();

        outbox.Post("a", 2);
        Assert.Equal(2, drains.Count);
        drains[1].Execute();

        Assert.Equal([[1], [2]], sent.Select(s => s.Items));
    }

    [Fact]
    public void A_batch_closes_at_the_byte_limit_and_an_item_larger_than_the_limit_goes_alone()
    {
        var half = Outbox<string, int>.MaxBatchBytes / 2;
        var outbox = NewOutbox(size: i => i == 99 ? Outbox<string, int>.MaxBatchBytes * 2 : half);

        foreach (var item in new[] { 1, 2, 3, 99, 4 })
        {
            outbox.Post("a", item);
        }

        drains.Single().Execute();

        Assert.Equal([[1, 2], [3], [99], [4]], sent.Select(s => s.Items));
    }

    [Fact]
    public void A_post_while_a_drain_runs_starts_no_second_drain_so_one_destination_gets_the_order_posted()
    {
        Outbox<string, int>? outbox = null;
        var posted = false;
        outbox = new((to, items) => sent.Add((to, items)), size: _ =>
        {
            // Another thread posts while the drain runs, and a free pool thread at once runs whatever that schedules.
            if (!posted)
            {
                posted = true;
                outbox!.Post("a", 2);
                foreach (var drain in drains.Skip(1).ToList())
                {
                    drain.Execute();
                }
            }

            return 10;
        }, drains.Add);

        outbox.Post("a", 1);
        drains[0].Execute();

        Assert.Equal([1, 2], sent.SelectMany(s => s.Items));
        Assert.Single(drains);
    }

    [Fact]
    public void A_post_while_a_drain_sends_is_drained_next_once_it_ends()
    {
        Outbox<string, int>? outbox = null;
        outbox = new((to, items) =>
        {
            sent.Add((to, items));
            if (items.Contains(1))
            {
                outbox!.Post("a", 2);
            }
        }, _ => 10, drains.Add);

        outbox.Post("a", 1);
        drains[0].Execute();
        Assert.Equal(2, drains.Count);
        drains[1].Execute();

        Assert.Equal([[1], [2]], sent.Select(s => s.Items));
    }

    private Outbox<string, int> NewOutbox(Func<int, int> size) => new((to, items) => sent.Add((to, items)), size, drains.Add);
}
