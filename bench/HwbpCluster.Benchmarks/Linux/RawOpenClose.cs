using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HwbpCluster.Benchmarks.Linux;

/// <summary>The C baseline (Native/open_close.c) built with gcc into a shared library and called in process.</summary>
internal sealed class RawOpenClose : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hwbp-open-close-").FullName;
    private readonly nint _library;
    private readonly OpenClose _openClose;

    /// <summary>Builds and loads the library.</summary>
    /// <exception cref="InvalidOperationException">gcc is missing or failed; the message says why.</exception>
    public RawOpenClose()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Linux", "Native", "open_close.c");
        var library = Path.Combine(_directory, "libopenclose.so");
        var gcc = new ProcessStartInfo("gcc", ["-O2", "-shared", "-fPIC", "-o", library, source]) { RedirectStandardError = true };
        using (var process = Process.Start(gcc) ?? throw new InvalidOperationException("gcc did not start"))
        {
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"gcc failed ({process.ExitCode}): {errors}");
            }
        }

        _library = NativeLibrary.Load(library);
        _openClose = Marshal.GetDelegateForFunctionPointer<OpenClose>(NativeLibrary.GetExport(_library, "open_close"));
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OpenClose(int tid, ulong address, int times);

    /// <summary>Arms and disarms an 8-byte write breakpoint on <paramref name="tid"/> <paramref name="times"/> times.</summary>
    public void Run(int tid, ulong address, int times)
    {
        var result = _openClose(tid, address, times);
        if (result != 0)
        {
            throw new InvalidOperationException($"perf_event_open refused the baseline's breakpoint on tid {tid}: errno {-result}");
        }
    }

    public void Dispose()
    {
        NativeLibrary.Free(_library);
        Directory.Delete(_directory, recursive: true);
    }
}
