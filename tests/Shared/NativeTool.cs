using System.Diagnostics;

namespace HwbpCluster.Testing;

/// <summary>Runs a native build tool (gcc, strip) to completion, for the tests and benchmarks that build small C programs.</summary>
internal static class NativeTool
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="args"/> in <paramref name="directory"/> (null: the current one).</summary>
    /// <exception cref="InvalidOperationException">The tool failed; the message carries its stderr.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The tool is not installed.</exception>
    public static void Run(string tool, IEnumerable<string> args, string? directory = null)
    {
        var info = new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (directory is not null)
        {
            info.WorkingDirectory = directory;
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        // Both pipes are read at once, so a tool that fills one while the other is read cannot block.
        Task<string> errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', info.ArgumentList)} failed ({process.ExitCode}): {errors.Result}");
        }
    }
}
