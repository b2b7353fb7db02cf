namespace HwbpCluster.Linux.Symbols;

/// <summary>A symbol found in a process: where to watch, and where it came from.</summary>
/// <param name="Address">The run-time address: the symbol's value plus its image's load bias, plus the offset asked for.</param>
/// <param name="Length">The length to watch: the one asked for, else the symbol's size (or the execute length for code).</param>
/// <param name="Image">The file whose symbol table defined it (the executable first, then libraries in load order).</param>
/// <param name="Size">The symbol's st_size.</param>
public sealed record ResolvedSymbol(ulong Address, int Length, string Image, ulong Size);
