using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    public static TheoryData<string, TimeSpan> Units => new()
    {
        { "2H", TimeSpan.FromHours(2) },
        { "3M", TimeSpan.FromMinutes(3) },
        { "4S", TimeSpan.FromSeconds(4) },
        { "500m", TimeSpan.FromMilliseconds(500) },
        { "250u", TimeSpan.FromMicroseconds(250) },
        { "99999999n", TimeSpan.FromTicks(999_999) },
    };

    [Theory]
    [MemberData(nameof(Units))]
    public void Parses_every_unit(string header, TimeSpan expected)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expected, timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    [InlineData("1 S")]
    public void Rejects_values_outside_the_grammar(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Fact]
    public void Formatted_timeouts_fit_eight_digits_and_never_shorten_the_deadline() =>
        Prop.ForAll(ArbMap.Default.ArbFor<PositiveInt>(), ArbMap.Default.ArbFor<PositiveInt>(), (a, b) =>
        {
            var timeout = TimeSpan.FromTicks((long)a.Get * b.Get);
            var header = GrpcTimeout.Format(timeout);
            return header.Length <= 9 && GrpcTimeout.TryParse(header, out var parsed) && parsed >= timeout;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_sub_millisecond_timeout_is_sent_as_one_millisecond() =>
        Assert.Equal("1m", GrpcTimeout.Format(TimeSpan.FromTicks(10)));
}
