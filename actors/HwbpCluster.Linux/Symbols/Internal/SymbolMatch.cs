namespace HwbpCluster.Linux.Symbols.Internal;

/// <summary>A symbol table entry that defines the name looked for, in file (link-time) addresses.</summary>
/// <param name="Value">st_value.</param>
/// <param name="Size">st_size.</param>
/// <param name="IsThreadLocal">STT_TLS: st_value is an offset in each thread's TLS block, not an address.</param>
/// <param name="Table">.symtab or .dynsym.</param>
internal readonly record struct SymbolMatch(ulong Value, ulong Size, bool IsThreadLocal, string Table);
