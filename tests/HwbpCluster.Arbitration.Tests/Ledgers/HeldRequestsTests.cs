using HwbpCluster.Arbitration.Ledgers;

namespace HwbpCluster.Arbitration.Tests.Ledgers;

public sealed class HeldRequestsTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_commit_before_the_deadline_commits_and_one_at_or_after_it_expires_the_hold()
    {
        var book = new HeldRequests();
        book.Hold(1, T0.AddSeconds(5));
        book.Hold(2, T0.AddSeconds(5));

        Assert.Equal(HoldVerdict.Commit, book.Commit(1, T0.AddSeconds(4.999)));
        Assert.Equal(HoldVerdict.Expired, book.Commit(2, T0.AddSeconds(5)));
        Assert.Equal(0, book.Count);
        Assert.Equal(HoldVerdict.Unknown, book.Commit(2, T0));
    }

    [Fact]
    public void Expire_takes_out_exactly_the_holds_whose_deadline_passed_and_a_later_commit_or_abort_finds_nothing()
    {
        var book = new HeldRequests();
        book.Hold(3, T0.AddSeconds(2));
        book.Hold(1, T0.AddSeconds(1));
        book.Hold(2, T0.AddSeconds(9));

        Assert.Equal(T0.AddSeconds(1), book.NextDeadline);
        Assert.Equal([1L, 3L], book.Expire(T0.AddSeconds(2)));
        Assert.Equal(T0.AddSeconds(9), book.NextDeadline);
        Assert.Equal(HoldVerdict.Unknown, book.Commit(1, T0));
        Assert.False(book.Abort(3));
        Assert.True(book.Abort(2));
        Assert.Null(book.NextDeadline);
    }

    [Fact]
    public void The_same_request_cannot_be_held_twice()
    {
        var book = new HeldRequests();
        book.Hold(7, T0);

        Assert.Throws<ArgumentException>(() => book.Hold(7, T0.AddSeconds(1)));
        Assert.True(book.IsHeld(7));
    }
}
