using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Tests.Internal;

public sealed class MetadataCodecTests
{
    public static TheoryData<string, byte[]> Base64Forms => new()
    {
        { "AQID", [1, 2, 3] },
        { "AQIDBA", [1, 2, 3, 4] },
        { "AQIDBA==", [1, 2, 3, 4] },
        { "AQIDBAU", [1, 2, 3, 4, 5] },
    };

    [Theory]
    [MemberData(nameof(Base64Forms))]
    public void Binary_values_are_read_padded_or_not(string wire, byte[] expected)
    {
        var metadata = new Metadata();

        MetadataCodec.AddHeader(metadata, "x-data-bin", [wire]);

        Assert.Equal(expected, metadata.GetBytes("x-data-bin"));
    }

    [Fact]
    public void Binary_values_are_sent_unpadded() =>
        Assert.Equal("AQIDBA", MetadataCodec.EncodeValue(new Metadata().Add("x-bin", [1, 2, 3, 4])[0]));

    [Fact]
    public void Comma_joined_binary_values_are_split_before_decoding()
    {
        var metadata = new Metadata();

        MetadataCodec.AddHeader(metadata, "x-bin", ["AQ, Ag=="]);

        Assert.Equal([[1], [2]], metadata.GetAll("x-bin").Select(e => e.ValueBytes.ToArray()));
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("grpc-message")]
    [InlineData("content-type")]
    [InlineData("te")]
    [InlineData(":path")]
    public void Protocol_headers_are_not_custom_metadata(string name)
    {
        var metadata = new Metadata();

        MetadataCodec.AddHeader(metadata, name, ["x"]);

        Assert.Empty(metadata);
    }
}
