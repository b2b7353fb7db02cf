using System.Globalization;
using HwbpCluster.Linux.Host.Internal;
using HwbpCluster.Linux.Symbols.Internal;

namespace HwbpCluster.Linux.Symbols;

/// <summary>Turns <c>symbol[+offset]</c> in a live process into the address and length to watch.</summary>
/// <remarks>
/// Reads the process's executable through /proc/PID/exe and its libraries through /proc/PID/maps. The executable is searched
/// first, then libraries in load order, as the dynamic linker binds: a library global the executable uses lives in the
/// executable's copy (a copy relocation), and the library's own symbol then points at a stale original that no one writes.
/// Each file's .symtab is searched before .dynsym. Addresses add the file's load bias (0 for a fixed-address ET_EXEC).
/// </remarks>
public static class SymbolResolver
{
    /// <summary>Resolves <paramref name="symbol"/> in process (or thread) <paramref name="pid"/>.</summary>
    /// <param name="pid">A process id, or any thread id of it.</param>
    /// <param name="symbol">The symbol and offset.</param>
    /// <param name="length">Bytes to watch; 0 takes the symbol's size when a debug register can cover it (execute: the kernel's length).</param>
    /// <param name="access">What to watch, which decides the default length for code.</param>
    /// <exception cref="SymbolException">Why not, with what to do instead.</exception>
    public static ResolvedSymbol Resolve(int pid, SymbolReference symbol, int length, BreakpointAccess access)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        IReadOnlyList<MappedImage> images = ProcessImages.Of(pid);
        bool strippedExecutable = false;
        foreach (MappedImage image in images)
        {
            using ElfSymbols? elf = ElfSymbols.TryOpen(image.OpenPath);
            if (elf is null)
            {
                continue;
            }

            strippedExecutable |= image.IsExecutable && elf.IsStripped;
            IReadOnlyList<SymbolMatch> matches = elf.Find(symbol.Name);
            if (matches.Count > 0)
            {
                return Locate(pid, symbol, image, elf, matches, length, access);
            }
        }

        throw NotFound(pid, symbol, images, strippedExecutable);
    }

    private static ResolvedSymbol Locate(
        int pid, SymbolReference symbol, MappedImage image, ElfSymbols elf, IReadOnlyList<SymbolMatch> matches, int length, BreakpointAccess access)
    {
        if (matches.Select(m => m.Value).Distinct().Count() > 1)
        {
            throw new SymbolException(SymbolErrorKind.Ambiguous,
                $"symbol '{symbol.Name}' names {matches.Count} different static variables in {image.Path}: give a raw address");
        }

        SymbolMatch match = matches[0];
        if (match.IsThreadLocal)
        {
            throw new SymbolException(SymbolErrorKind.ThreadLocal,
                $"symbol '{symbol.Name}' in {image.Path} is thread-local (STT_TLS): every thread has its own copy at its own address; "
                + "watch one thread's copy by its raw address");
        }

        ulong bias = elf.LoadBias(image.FirstMapping) ?? throw new SymbolException(SymbolErrorKind.NotFound,
            $"{image.Path} defines '{symbol.Name}' but process {pid} has no mapping of its start, so its load address is unknown");
        ulong address = match.Value + bias + symbol.Offset;
        return new ResolvedSymbol(address, length > 0 ? length : DefaultLength(symbol, match, address, access), image.Path, match.Size);
    }

    private static int DefaultLength(SymbolReference symbol, SymbolMatch match, ulong address, BreakpointAccess access)
    {
        if (access == BreakpointAccess.Execute)
        {
            return KernelSpecs.ExecuteLength;
        }

        if (symbol.Offset != 0)
        {
            throw new SymbolException(SymbolErrorKind.DoesNotFit,
                $"'{symbol}' points inside '{symbol.Name}' ({match.Size} bytes): give the length to watch there (1, 2, 4 or 8)");
        }

        if (match.Size is 1 or 2 or 4 or 8 && address % match.Size == 0)
        {
            return (int)match.Size;
        }

        string what = match.Size == 0
            ? $"symbol '{symbol.Name}' has no size in its symbol table"
            : string.Create(CultureInfo.InvariantCulture,
                $"symbol '{symbol.Name}' is {match.Size} bytes at 0x{address:x}, which no debug register covers (1, 2, 4 or 8 bytes aligned to their length)");
        throw new SymbolException(SymbolErrorKind.DoesNotFit,
            $"{what}: give a length, and an offset (name+offset) for the part to watch");
    }

    private static SymbolException NotFound(int pid, SymbolReference symbol, IReadOnlyList<MappedImage> images, bool strippedExecutable)
    {
        string stripped = strippedExecutable
            ? " (it is stripped: it has no .symtab, and its .dynsym lists the executable's own globals only when linked with -rdynamic, and statics never)"
            : "";
        return new SymbolException(SymbolErrorKind.NotFound,
            $"symbol '{symbol.Name}' is not defined in process {pid}'s executable {images[0].Path}{stripped} nor in its "
            + $"{images.Count - 1} shared libraries: build with -g and do not strip, or link with -rdynamic, or give a raw address");
    }
}
