namespace HwbpCluster.Linux.Tests.Support;

/// <summary>Builds the C programs under Programs/ with gcc, into a fresh directory per build.</summary>
internal static class NativeProgram
{
    private static readonly string Sources = Path.Combine(AppContext.BaseDirectory, "Programs");

    /// <summary>Null when gcc runs here, else why not.</summary>
    public static string? GccProblem { get; } = FindProblem();

    /// <summary>A new empty directory for a build's outputs.</summary>
    public static string NewDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "hwbp-native-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs gcc in <paramref name="directory"/>: <c>gcc -O0 -o OUTPUT SOURCE... ARGS...</c> (sources from Programs/).</summary>
    public static string Build(string directory, string output, string[] sources, params string[] args)
    {
        string path = Path.Combine(directory, output);
        Run("gcc", directory, ["-O0", "-o", path, .. sources.Select(s => Path.Combine(Sources, s)), .. args]);
        return path;
    }

    /// <summary>Runs a tool to completion in <paramref name="directory"/>; throws with its stderr when it fails.</summary>
    public static void Run(string tool, string directory, IEnumerable<string> args) => NativeTool.Run(tool, args, directory);

    private static string? FindProblem()
    {
        try
        {
            Run("gcc", Path.GetTempPath(), ["--version"]);
            return null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"gcc unavailable: {ex.Message}";
        }
    }
}
