using System.Diagnostics;
using System.Globalization;

namespace HwbpCluster.Linux.Tests.Support;

/// <summary>A test program running until disposed: it prints one line of <c>name=0xADDRESS</c> pairs and waits on stdin.</summary>
internal sealed class RunningProgram : IDisposable
{
    private readonly Process _process;

    private RunningProgram(Process process, IReadOnlyDictionary<string, ulong> addresses)
    {
        _process = process;
        Addresses = addresses;
    }

    public int Pid => _process.Id;

    /// <summary>What the program printed: each name's real address.</summary>
    public IReadOnlyDictionary<string, ulong> Addresses { get; }

    /// <summary>Writes one byte to the program's stdin and waits for the line it prints in answer.</summary>
    public string Poke()
    {
        _process.StandardInput.Write('x');
        _process.StandardInput.Flush();
        return _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult() ?? "";
    }

    public static RunningProgram Start(string path)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardInput = true, RedirectStandardOutput = true };
        Process process = Process.Start(info)!;
        string line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"{path} printed nothing");
        var addresses = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => ulong.Parse(p[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        return new RunningProgram(process, addresses);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5_000))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
    }
}
