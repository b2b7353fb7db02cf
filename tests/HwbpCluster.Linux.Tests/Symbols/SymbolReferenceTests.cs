using HwbpCluster.Linux.Symbols;

namespace HwbpCluster.Linux.Tests.Symbols;

public sealed class SymbolReferenceTests
{
    [Theory]
    [InlineData("counter", "counter", 0UL)]
    [InlineData("buffer+16", "buffer", 16UL)]
    [InlineData("buffer+0x10", "buffer", 16UL)]
    [InlineData("_ZN2ns5valueE+0X8", "_ZN2ns5valueE", 8UL)]
    public void Parses_a_name_and_an_optional_offset(string text, string name, ulong offset) =>
        Assert.Equal(new SymbolReference(name, offset), SymbolReference.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("+8")]
    [InlineData("two words")]
    [InlineData("buffer+")]
    [InlineData("buffer+0xzz")]
    [InlineData("buffer+-1")]
    public void Refuses_what_is_not_a_name_and_offset(string text) =>
        Assert.Equal(SymbolErrorKind.Malformed, Assert.Throws<SymbolException>(() => SymbolReference.Parse(text)).Kind);
}
