using System.CommandLine;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>What a breakpoint watches: --addr, --len, --access.</summary>
internal sealed class BreakpointOptions
{
    public Option<ulong> Address { get; } = new("--addr")
    {
        Description = "Address, hex (0x...) or decimal",
        Required = true,
        CustomParser = Parsers.Number,
    };

    public Option<uint> Length { get; } = new("--len")
    {
        Description = "Length in bytes (1, 2, 4, 8)",
        DefaultValueFactory = _ => 1,
        CustomParser = Parsers.Number32,
    };

    public Option<Access> Access { get; } = new("--access")
    {
        Description = "x (execute), w (write), r (read), rw (read or write); default w",
        HelpName = "x|w|r|rw",
        CustomParser = Parsers.Access,
    };

    public void AddTo(Command command)
    {
        command.Add(Address);
        command.Add(Length);
        command.Add(Access);
    }

    /// <summary>The breakpoint the command line describes; write when no access is named.</summary>
    public Breakpoint Breakpoint(ParseResult parsed) => new()
    {
        Address = parsed.GetValue(Address),
        Length = parsed.GetValue(Length),
        Access = parsed.GetValue(Access) is var access and not Protos.V1.Access.Unspecified ? access : Protos.V1.Access.Write,
    };
}
