namespace HwbpCluster.Linux.Symbols;

/// <summary>A symbol could not be resolved; <see cref="Kind"/> says why and the message says what to do instead.</summary>
public sealed class SymbolException : Exception
{
    /// <summary>Creates the failure.</summary>
    public SymbolException(SymbolErrorKind kind, string message)
        : base(message) => Kind = kind;

    /// <summary>Creates the failure caused by an I/O error.</summary>
    public SymbolException(SymbolErrorKind kind, string message, Exception inner)
        : base(message, inner) => Kind = kind;

    /// <summary>Why.</summary>
    public SymbolErrorKind Kind { get; }
}
