using System.Text.Json;
using Google.Protobuf;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Cli.Internal.Json;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>A hit as the CLI prints it: a write read back after the hit shows its new value, as gdb's "New value".</summary>
public sealed class HitFormatTests
{
    [Theory]
    [InlineData(new byte[] { 42, 0, 0, 0, 0, 0, 0, 0 }, " new value 42 (0x2a)", "0x2a")]
    [InlineData(new byte[] { 0x34, 0x12 }, " new value 4660 (0x1234)", "0x1234")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, " new value 18446744073709551615 (0xffffffffffffffff)", "0xffffffffffffffff")]
    public void A_value_read_after_the_hit_is_shown_as_the_little_endian_number_it_holds(byte[] bytes, string text, string json)
    {
        var hit = Hit(bytes);

        Assert.EndsWith(text, Format.Hit(hit), StringComparison.Ordinal);
        Assert.Equal(json, Json(hit).GetProperty("valueAfter").GetString());
    }

    [Fact]
    public void A_hit_with_no_value_read_ends_at_dr6_and_its_json_value_is_null()
    {
        var hit = Hit([]);

        Assert.EndsWith("dr6 0x0", Format.Hit(hit), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, Json(hit).GetProperty("valueAfter").ValueKind);
    }

    private static HitEvent Hit(byte[] value) => new()
    {
        Host = "h1", ReservationId = "h1/1", Cpu = 1, Tid = 42, Address = 0x1000, Access = Access.Write, ValueAfter = ByteString.CopyFrom(value),
    };

    private static JsonElement Json(HitEvent hit) => JsonDocument.Parse(JsonLine.Of(w => Shapes.Hit(w, hit))).RootElement.Clone();
}
