using ELFSharp.ELF;
using ELFSharp.ELF.Sections;
using ELFSharp.ELF.Segments;

namespace HwbpCluster.Linux.Symbols.Internal;

/// <summary>One ELF file's symbol tables and load bias.</summary>
internal sealed class ElfSymbols : IDisposable
{
    private const int ThreadLocalType = 6; // STT_TLS, which ELFSharp's SymbolType does not name

    private readonly ELF<ulong> _elf;

    private ElfSymbols(ELF<ulong> elf) => _elf = elf;

    /// <summary>No .symtab: the file was stripped, and only .dynsym (exports) is left.</summary>
    public bool IsStripped => !_elf.TryGetSection(".symtab", out _);

    /// <summary>Opens a 64-bit ELF file; null when it is not one (or cannot be read).</summary>
    public static ElfSymbols? TryOpen(string path)
    {
        try
        {
            return ELFReader.TryLoad(path, out ELF<ulong> elf) ? new ElfSymbols(elf) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// What to add to a symbol's value to get its run-time address: 0 for a fixed-address executable (ET_EXEC); for a
    /// position-independent file, where its first mapping landed minus the page of the lowest PT_LOAD's address.
    /// </summary>
    public ulong? LoadBias(ulong? firstMapping)
    {
        if (_elf.Type == FileType.Executable)
        {
            return 0;
        }

        if (firstMapping is not { } start)
        {
            return null;
        }

        ulong lowest = _elf.Segments.Where(s => s.Type == SegmentType.Load).Select(s => s.Address).DefaultIfEmpty(0UL).Min();
        ulong pageMask = (ulong)Environment.SystemPageSize - 1;
        return start - (lowest & ~pageMask);
    }

    /// <summary>The definitions of <paramref name="name"/>: .symtab first, .dynsym only if .symtab has none.</summary>
    public IReadOnlyList<SymbolMatch> Find(string name)
    {
        foreach (string table in (string[])[".symtab", ".dynsym"])
        {
            if (!_elf.TryGetSection(table, out Section<ulong> section) || section is not SymbolTable<ulong> symbols)
            {
                continue;
            }

            List<SymbolEntry<ulong>> found = [.. symbols.Entries.Where(e => e.Name == name && Defines(e))];
            if (found.Count > 0)
            {
                // A global (or weak) definition is the one the program links to; locals of the same name are other files' statics.
                List<SymbolEntry<ulong>> global = found.FindAll(e => e.Binding != SymbolBinding.Local);
                return [.. (global.Count > 0 ? global : found).Select(e => new SymbolMatch(e.Value, e.Size, (int)e.Type == ThreadLocalType, table))];
            }
        }

        return [];
    }

    /// <inheritdoc/>
    public void Dispose() => _elf.Dispose();

    // Undefined entries (st_shndx 0) are references to another file's symbol; sections and files name no variable.
    private static bool Defines(SymbolEntry<ulong> e) =>
        e.PointedSectionIndex != 0 && e.Type is not (SymbolType.Section or SymbolType.File);
}
