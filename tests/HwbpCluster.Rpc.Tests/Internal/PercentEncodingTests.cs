using FsCheck;
using FsCheck.Fluent;
using HwbpCluster.Rpc.Internal;

namespace HwbpCluster.Rpc.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Fact]
    public void Every_string_survives_encoding_then_decoding() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), s =>
        {
            var valid = new string(s.Get.Where(c => !char.IsSurrogate(c)).ToArray());
            return PercentEncoding.Decode(PercentEncoding.Encode(valid)) == valid;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Encoded_text_is_printable_ascii_only() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), s =>
            PercentEncoding.Encode(s.Get).All(c => c is >= ' ' and <= '~')).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("✓", "%E2%9C%93")]
    [InlineData("tab\there", "tab%09here")]
    public void Encodes_percent_and_non_printable_bytes_as_upper_hex(string text, string wire) =>
        Assert.Equal(wire, PercentEncoding.Encode(text));

    [Theory]
    [InlineData("%", "%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("50%25 %e2%9c%93", "50% ✓")]
    public void Decoding_keeps_broken_sequences_and_accepts_lower_hex(string wire, string text) =>
        Assert.Equal(text, PercentEncoding.Decode(wire));
}
