namespace HwbpCluster.Rpc.Tests;

public sealed class CallOptionsTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_earlier_of_deadline_and_timeout_applies()
    {
        Assert.Equal(Now.AddSeconds(1), new CallOptions(Deadline: Now.AddSeconds(5), Timeout: TimeSpan.FromSeconds(1)).EffectiveDeadline(Now));
        Assert.Equal(Now.AddSeconds(2), new CallOptions(Deadline: Now.AddSeconds(2), Timeout: TimeSpan.FromSeconds(9)).EffectiveDeadline(Now));
    }

    [Fact]
    public void No_deadline_and_no_timeout_means_no_deadline() => Assert.Null(new CallOptions().EffectiveDeadline(Now));

    [Fact]
    public void A_huge_timeout_saturates_instead_of_overflowing() =>
        Assert.Equal(DateTime.MaxValue, new CallOptions(Timeout: TimeSpan.MaxValue).EffectiveDeadline(Now));
}
