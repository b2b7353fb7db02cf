namespace HwbpCluster.Linux.Symbols;

/// <summary>Why a symbol could not be resolved to a watchable address.</summary>
public enum SymbolErrorKind
{
    /// <summary>The text is not <c>name</c> or <c>name+offset</c>.</summary>
    Malformed,

    /// <summary>The process does not exist (or has exited).</summary>
    NoSuchProcess,

    /// <summary>Its executable or maps cannot be read by this process (ptrace access rules).</summary>
    NotPermitted,

    /// <summary>No loaded image defines the symbol: stripped, absent, or only a declaration.</summary>
    NotFound,

    /// <summary>Several local symbols of that name with different addresses: the name alone does not say which.</summary>
    Ambiguous,

    /// <summary>A thread-local (STT_TLS) variable: its address differs in every thread.</summary>
    ThreadLocal,

    /// <summary>No length was given and the symbol's size is not one debug register can cover.</summary>
    DoesNotFit,
}
