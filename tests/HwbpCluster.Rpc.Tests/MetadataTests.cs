namespace HwbpCluster.Rpc.Tests;

public sealed class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_the_last_value_wins_on_lookup()
    {
        var metadata = new Metadata().Add("X-Trace", "1").Add("x-trace", "2");

        Assert.Equal("2", metadata.GetValue("X-TRACE"));
        Assert.Equal(["1", "2"], metadata.GetAll("x-trace").Select(e => e.Value));
    }

    [Fact]
    public void Binary_values_need_a_bin_key_and_text_values_must_not_have_one()
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-data", [1]));
        Assert.Throws<ArgumentException>(() => new Metadata().Add("x-data-bin", "text"));
    }

    [Theory]
    [InlineData("x y")]
    [InlineData("x:y")]
    [InlineData("")]
    public void Keys_outside_the_grpc_alphabet_are_refused(string key) =>
        Assert.ThrowsAny<ArgumentException>(() => new Metadata().Add(key, "v"));
}
