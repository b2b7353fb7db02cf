using HwbpCluster.Linux.Tests.Support;

namespace HwbpCluster.Linux.Tests.Symbols;

/// <summary>The symbol tests' target built four ways with gcc, once per test class: PIE, non-PIE, stripped, stripped with -rdynamic.</summary>
public sealed class SymbolTargets : IDisposable
{
    private readonly string _directory = NativeProgram.NewDirectory();

    public SymbolTargets()
    {
        if (NativeProgram.GccProblem is not null)
        {
            return; // every test of the class skips
        }

        NativeProgram.Build(_directory, "libtarget.so", ["libtarget.c"], "-shared", "-fPIC");
        string[] linkLibrary = ["-L" + _directory, "-ltarget", "-Wl,-rpath," + _directory];
        Pie = NativeProgram.Build(_directory, "pie", ["symbols.c"], ["-fPIE", "-pie", .. linkLibrary]);
        NonPie = NativeProgram.Build(_directory, "nopie", ["symbols.c"], ["-fno-PIE", "-no-pie", .. linkLibrary]);
        Stripped = NativeProgram.Build(_directory, "stripped", ["symbols.c"], ["-fPIE", "-pie", .. linkLibrary]);
        NativeProgram.Run("strip", _directory, ["--strip-all", Stripped]);
        StrippedDynamic = NativeProgram.Build(_directory, "stripped-rdynamic", ["symbols.c"], ["-fPIE", "-pie", "-rdynamic", .. linkLibrary]);
        NativeProgram.Run("strip", _directory, ["--strip-all", StrippedDynamic]);
    }

    public string Pie { get; } = "";

    public string NonPie { get; } = "";

    public string Stripped { get; } = "";

    public string StrippedDynamic { get; } = "";

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
