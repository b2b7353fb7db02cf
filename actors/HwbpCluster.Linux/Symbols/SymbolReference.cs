using System.Globalization;

namespace HwbpCluster.Linux.Symbols;

/// <summary>A symbol named by a client, <c>name</c> or <c>name+offset</c> (offset in decimal or 0x hex).</summary>
/// <param name="Name">The symbol's name as the ELF symbol table spells it.</param>
/// <param name="Offset">Bytes past the symbol's start.</param>
public readonly record struct SymbolReference(string Name, ulong Offset)
{
    /// <summary>Parses <c>name</c> or <c>name+offset</c>.</summary>
    /// <exception cref="SymbolException">Malformed: empty name, spaces, or an offset that is not a number.</exception>
    public static SymbolReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plus = text.LastIndexOf('+');
        string name = plus < 0 ? text : text[..plus];
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
        {
            throw new SymbolException(SymbolErrorKind.Malformed,
                $"symbol '{text}' is not of the form name or name+offset (a name without spaces, an offset in decimal or 0x hex)");
        }

        return plus < 0 ? new(name, 0) : new(name, ParseOffset(text, text[(plus + 1)..]));
    }

    /// <inheritdoc/>
    public override string ToString() => Offset == 0 ? Name : string.Create(CultureInfo.InvariantCulture, $"{Name}+0x{Offset:x}");

    private static ulong ParseOffset(string text, string offset)
    {
        bool parsed = offset.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(offset.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
            : ulong.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return parsed
            ? value
            : throw new SymbolException(SymbolErrorKind.Malformed,
                $"symbol '{text}': offset '{offset}' is not a number (decimal, or hex with 0x)");
    }
}
