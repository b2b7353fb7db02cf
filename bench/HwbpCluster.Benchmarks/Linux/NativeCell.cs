using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>One 8-byte cell of native memory on its own cache line, so the GC and JIT never touch it and every store is ours.</summary>
internal sealed class NativeCell : IDisposable
{
    private const int Line = 64;
    private nint _block;

    /// <summary>Allocates and zeroes the cell.</summary>
    public NativeCell()
    {
        _block = Marshal.AllocHGlobal(2 * Line);
        Address = ((ulong)_block + Line - 1) & ~(ulong)(Line - 1);
        Value = 0;
    }

    /// <summary>The cell's address, 64-byte aligned (so an 8-byte watch on it is valid).</summary>
    public ulong Address { get; }

    /// <summary>The cell itself; a ref into native memory, so the project needs no unsafe blocks.</summary>
    public ref long Value => ref Unsafe.AddByteOffset(ref Unsafe.NullRef<long>(), (nint)Address);

    /// <summary>Frees the memory; any watch on it must be closed first.</summary>
    public void Dispose()
    {
        if (_block != 0)
        {
            Marshal.FreeHGlobal(_block);
            _block = 0;
        }
    }
}
