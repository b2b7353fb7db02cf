using FsCheck;
using FsCheck.Fluent;
using Grpc.Core;
using HwbpCluster.Node.Wire;

namespace HwbpCluster.Node.Tests.Wire;

public sealed class ReservationIdsTests
{
    [Fact]
    public void A_reservation_id_names_its_host_then_its_number() => Assert.Equal("h1/42", ReservationIds.Format("h1", 42));

    [Fact]
    public void Every_formatted_id_parses_back_to_its_host_and_number() =>
        Prop.ForAll(
            (from host in Gen.Elements("h1", "h1-0", "box.example", "rack:7", "n\u00e9")
             from id in Gen.Choose(1, int.MaxValue)
             from scale in Gen.Elements(1L, 1L << 20, 1L << 31)
             select (host, id * scale)).ToArbitrary(),
            sample =>
            {
                var parsed = ReservationIds.Parse(ReservationIds.Format(sample.host, sample.Item2), "reservation_id");
                return parsed.Host == sample.host && parsed.Id == sample.Item2;
            })
        .QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("h1/")]
    [InlineData("/42")]
    [InlineData("h1/0")]
    [InlineData("h1/-3")]
    [InlineData("h1/4x")]
    [InlineData("h1/99999999999999999999")]
    public void A_malformed_id_is_an_invalid_argument_naming_the_field(string text)
    {
        var ex = Assert.Throws<RpcException>(() => ReservationIds.Parse(text, "reservation_id"));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith("reservation_id:", ex.Status.Detail, StringComparison.Ordinal);
    }
}
