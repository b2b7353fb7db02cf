using System.Runtime.InteropServices;
using HwbpCluster.Testing;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>The C baseline (Native/open_close.c) built with gcc into a shared library and called in process.</summary>
internal sealed class RawOpenClose : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hwbp-open-close-").FullName;
    private readonly nint _library;
    private readonly OpenClose _openClose;
    private readonly OpenRingClose _openRingClose;
    private readonly OpenRingClose _openSharedClose;
    private readonly OpenCloseFrom _openCloseFrom;
    private readonly PinTo _pinTo;

    /// <summary>Builds and loads the library.</summary>
    /// <exception cref="InvalidOperationException">gcc is missing or failed; the message says why.</exception>
    public RawOpenClose()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Linux", "Native", "open_close.c");
        var library = Path.Combine(_directory, "libopenclose.so");
        NativeTool.Run("gcc", ["-O2", "-Wall", "-Werror", "-shared", "-fPIC", "-o", library, source]);

        _library = NativeLibrary.Load(library);
        _openClose = Marshal.GetDelegateForFunctionPointer<OpenClose>(NativeLibrary.GetExport(_library, "open_close"));
        _openRingClose = Marshal.GetDelegateForFunctionPointer<OpenRingClose>(NativeLibrary.GetExport(_library, "open_ring_close"));
        _openSharedClose = Marshal.GetDelegateForFunctionPointer<OpenRingClose>(NativeLibrary.GetExport(_library, "open_shared_close"));
        _openCloseFrom = Marshal.GetDelegateForFunctionPointer<OpenCloseFrom>(NativeLibrary.GetExport(_library, "open_close_from"));
        _pinTo = Marshal.GetDelegateForFunctionPointer<PinTo>(NativeLibrary.GetExport(_library, "pin_to"));
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OpenClose(int tid, ulong address, int times);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OpenRingClose(int tid, ulong address, int times, int dataPages);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OpenCloseFrom(int cpu, int tid, ulong address, int times);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int PinTo(int cpu);

    /// <summary>Arms and disarms an 8-byte write breakpoint on <paramref name="tid"/> <paramref name="times"/> times.</summary>
    public void Run(int tid, ulong address, int times) => Check(_openClose(tid, address, times), tid);

    /// <summary>The same, from <paramref name="cpu"/> (the calling thread is pinned there for the loop).</summary>
    public void RunFrom(int cpu, int tid, ulong address, int times) => Check(_openCloseFrom(cpu, tid, address, times), tid);

    /// <summary>Pins the calling thread to <paramref name="cpu"/>.</summary>
    public void PinCurrentThread(int cpu)
    {
        if (_pinTo(cpu) is var result and not 0)
        {
            throw new InvalidOperationException($"sched_setaffinity to CPU {cpu} failed: errno {-result}");
        }
    }

    /// <summary>The same, each opened disabled with its own ring of 1 + <paramref name="dataPages"/> pages mapped, then enabled.</summary>
    public void RunOwnRing(int tid, ulong address, int times, int dataPages) => Check(_openRingClose(tid, address, times, dataPages), tid);

    /// <summary>The same, each opened disabled and redirected to one ring of the task (a dummy event's), then enabled.</summary>
    public void RunSharedRing(int tid, ulong address, int times, int dataPages) => Check(_openSharedClose(tid, address, times, dataPages), tid);

    private static void Check(int result, int tid)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"the kernel refused the baseline's breakpoint on tid {tid}: errno {-result}");
        }
    }

    public void Dispose()
    {
        NativeLibrary.Free(_library);
        Directory.Delete(_directory, recursive: true);
    }
}
