using System.CommandLine;
using HwbpCluster.Protos.V1;

namespace HwbpCluster.Cli.Internal;

/// <summary>
/// What a breakpoint watches: --addr, --len, --access; and, for a new reservation (<paramref name="symbols"/>), --symbol in
/// place of --addr.
/// </summary>
internal sealed class BreakpointOptions(bool symbols = false)
{
    public Option<ulong?> Address { get; } = new("--addr")
    {
        Description = symbols ? "Address, hex (0x...) or decimal; or give --symbol" : "Address, hex (0x...) or decimal",
        Required = !symbols,
        CustomParser = r => Parsers.Number(r),
    };

    public Option<string?> Symbol { get; } = new("--symbol")
    {
        Description = "Instead of --addr, on a linux host with --tid or --pid: NAME or NAME+OFFSET, looked up in the process's ELF "
            + "symbol tables (executable, then shared libraries); --len defaults to the symbol's size",
        HelpName = "name[+offset]",
    };

    public Option<uint?> Length { get; } = new("--len")
    {
        Description = symbols ? "Length in bytes (1, 2, 4, 8); default 1, or the symbol's size" : "Length in bytes (1, 2, 4, 8); default 1",
        CustomParser = r => Parsers.Number32(r),
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
        if (symbols)
        {
            command.Add(Symbol);
        }

        command.Add(Length);
        command.Add(Access);
    }

    /// <summary>The breakpoint the command line describes; write when no access is named.</summary>
    /// <exception cref="UsageException">Both --addr and --symbol, or neither.</exception>
    public Breakpoint Breakpoint(ParseResult parsed)
    {
        ulong? address = parsed.GetValue(Address);
        string? symbol = symbols ? parsed.GetValue(Symbol) : null;
        if (address is null == symbol is null)
        {
            throw new UsageException(symbol is null
                ? "say what to watch: --addr ADDRESS, or --symbol NAME[+OFFSET] on a linux host"
                : "--symbol takes no --addr: the node looks the address up");
        }

        return new()
        {
            Address = address ?? 0,
            Symbol = symbol ?? string.Empty,
            // Length 0 asks the node for the symbol's own size.
            Length = parsed.GetValue(Length) ?? (symbol is null ? 1u : 0u),
            Access = parsed.GetValue(Access) is var access and not Protos.V1.Access.Unspecified ? access : Protos.V1.Access.Write,
        };
    }
}
