using System.Runtime.InteropServices;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Native memory the GC and JIT never touch, so every access to it is one of ours.</summary>
internal sealed unsafe class NativeBlock : IDisposable
{
    private void* _memory;

    public NativeBlock(int size, int alignment = 64)
    {
        _memory = NativeMemory.AlignedAlloc((nuint)size, (nuint)alignment);
        NativeMemory.Clear(_memory, (nuint)size);
    }

    public nint Address => (nint)_memory;

    public ulong At(int offset) => (ulong)Address + (ulong)offset;

    public void Dispose()
    {
        NativeMemory.AlignedFree(_memory);
        _memory = null;
    }
}
