using System.CommandLine;
using HwbpCluster.Cli.Internal;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Tests;

/// <summary>The breakpoint a reserve or watch command line describes: an address, or a symbol the node looks up.</summary>
public sealed class BreakpointOptionsTests
{
    [Fact]
    public void An_address_without_a_length_watches_one_byte()
    {
        var breakpoint = Parse("--addr", "0x1000");

        Assert.Equal(new Breakpoint { Address = 0x1000, Length = 1, Access = Access.Write }, breakpoint);
    }

    [Fact]
    public void A_symbol_without_a_length_asks_the_node_for_the_symbols_own_size_and_leaves_the_address_to_it()
    {
        var breakpoint = Parse("--symbol", "counter+8", "--access", "rw");

        Assert.Equal(new Breakpoint { Symbol = "counter+8", Address = 0, Length = 0, Access = Access.ReadWrite }, breakpoint);
    }

    [Fact]
    public void A_symbol_with_a_length_keeps_it()
    {
        Assert.Equal(4u, Parse("--symbol", "table+16", "--len", "4").Length);
    }

    [Theory]
    [InlineData("say what to watch")]
    [InlineData("--symbol takes no --addr", "--addr", "0x1000", "--symbol", "counter")]
    public void Neither_or_both_of_address_and_symbol_is_a_usage_error(string message, params string[] args)
    {
        var ex = Assert.Throws<UsageException>(() => Parse(args));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_symbols_the_address_is_required_and_there_is_no_symbol_option()
    {
        var options = new BreakpointOptions();
        var command = new Command("modify");
        options.AddTo(command);

        Assert.True(options.Address.Required);
        Assert.DoesNotContain(command.Options, o => o.Name == "--symbol");
        Assert.NotEmpty(command.Parse(["--len", "8"]).Errors);
    }

    private static Breakpoint Parse(params string[] args)
    {
        var options = new BreakpointOptions(symbols: true);
        var command = new Command("reserve");
        options.AddTo(command);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return options.Breakpoint(parsed);
    }
}
